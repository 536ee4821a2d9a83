package org.ams.it.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ams.it.TestEnvironment;

/**
 * A real OpenID Connect provider for the tests: Keycloak from Maven Central ({@code keycloak-quarkus-dist}, unpacked by
 * the build), run on loopback on a free port with the realm {@value #REALM} (its users, groups and AMS's client)
 * imported at start-up from {@code org/ams/it/keycloak-realm.json}. Keycloak needs a newer Java than the tests': the
 * Temurin 25 JDK the machine has ({@code ams.it.keycloak.java} names another).
 * <p>
 * {@code kc.sh start} builds the server for its build options (an H2 file database, a local cache, so that no cluster
 * traffic leaves loopback) the first time, which costs a minute or more, and keeps the build in the unpacked
 * distribution, so later starts from the same build directory only start. Its database is made afresh at each start
 * and the realm imported into it.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "ams";
    public static final String CLIENT_ID = "ams";
    public static final String CLIENT_SECRET = "ams-client-secret";
    /** The realm's client that authenticates with AMS's client key (private_key_jwt), read from AMS's JWKS. */
    public static final String JWT_CLIENT_ID = "ams-jwt";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String DEFAULT_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startedIn;

    private KeycloakServer(Process process, int port, Path log, Duration startedIn) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedIn = startedIn;
    }

    /** Starts Keycloak from the distribution the build unpacked ({@code ams.it.keycloak}) and waits for its realm. */
    public static KeycloakServer start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("ams.it.keycloak", "target/keycloak/missing")).toAbsolutePath();
        if (!Files.isExecutable(home.resolve("bin").resolve("kc.sh"))) {
            throw new AssertionError("Keycloak is not unpacked at " + home + ": the build's dependency:unpack@keycloak "
                    + "(pre-integration-test) puts it there");
        }
        Path java = Path.of(System.getProperty("ams.it.keycloak.java", DEFAULT_JAVA));
        if (!Files.isExecutable(java.resolve("bin").resolve("java"))) {
            throw new AssertionError("Keycloak needs Java 21 or newer; none at " + java);
        }
        Path data = home.resolve("data");
        // A fresh realm every time: the import of the realm file is the state the tests start from.
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/org/ams/it/keycloak-realm.json")) {
            // The client that authenticates with AMS's key reads it from AMS's JWKS address, on this test's server.
            Files.writeString(imports.resolve("ams-realm.json"), new String(realm.readAllBytes(),
                    StandardCharsets.UTF_8).replace("${AMS_JWKS_URL}", "http://127.0.0.1:"
                    + System.getProperty(TestEnvironment.HTTP_PORT) + "/oidc/jwks"));
        }
        int port = freePort();
        Path log = home.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin").resolve("kc.sh").toString(), "start",
                "--db=dev-file", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                "--http-port=" + port, "--http-management-port=" + freePort(), "--hostname-strict=false",
                "--import-realm"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", java.toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Java 24 and later refuse JBoss Threads' thread-local reset without it, and requests fail.
        // The same compiler settings as AMS's test servers; Keycloak's own options choose G1, which is switched off
        // for the serial collector (the last of each flag counts).
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED"
                + TestEnvironment.serverJitOptions().replace("-XX:+UseSerialGC", "-XX:-UseG1GC -XX:+UseSerialGC"));
        Instant start = Instant.now();
        KeycloakServer server = new KeycloakServer(builder.start(), port, log, null);
        try {
            server.awaitRealm();
        } catch (AssertionError | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        Duration took = Duration.between(start, Instant.now());
        System.out.printf("Keycloak %s ready on port %d in %.1f s%n", home.getFileName(), port,
                took.toMillis() / 1000.0);
        return new KeycloakServer(server.process, port, log, took);
    }

    /** The realm's issuer URL on 127.0.0.1. */
    public String issuer() {
        return issuerAt("127.0.0.1");
    }

    /**
     * The realm's issuer URL under this loopback host name ({@code localhost} or {@code 127.0.0.1}), as AMS's settings
     * take it: Keycloak names itself after the host it is asked by. Under the browser's host name for AMS, AMS and
     * Keycloak are one site, so the browser keeps Keycloak's own cookies, which it refuses another site over plain
     * HTTP.
     */
    public String issuerAt(String host) {
        return "http://" + host + ":" + port + "/realms/" + REALM;
    }

    /** An address on loopback where nothing answers: a provider that is down. */
    public static String unreachableIssuer() throws IOException {
        return "http://127.0.0.1:" + freePort() + "/realms/" + REALM;
    }

    public Duration startedIn() {
        return startedIn;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void awaitRealm() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak stopped while starting:\n" + tail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Keycloak did not serve its realm within " + START_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
