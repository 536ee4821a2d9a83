package org.ams.it.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ams.it.TestEnvironment;

/**
 * An Eclipse GlassFish server unpacked from Maven Central, run as an administrator runs it: a new domain of its own
 * ({@code asadmin create-domain} in a domain directory under {@code target/}), {@code asadmin start-domain}, AMS's
 * settings as the server's system properties ({@code asadmin create-system-properties}), managed with
 * {@code asadmin}.
 */
public final class GlassFishServer extends ApplicationServer {

    private static final String DOMAIN = "ams";
    private static final String APPLICATION = "ams";
    /**
     * GlassFish adds fixed offsets to a domain's port base: admin, HTTP, HTTPS, IIOP (3), JMX, OSGi shell. (The JMS
     * broker's, base + 7676, stays closed: {@link #configureDomainForTests()}.)
     */
    private static final int[] PORT_OFFSETS = {48, 80, 81, 37, 38, 39, 86, 66};
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);
    /** GlassFish's record of its own start ("... startup time: ..."). */
    private static final String STARTED = "NCLS-CORE-00017";
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final int portBase;

    private GlassFishServer(Path home, Path domainDirectory, int portBase) {
        super(domainDirectory);
        this.home = home;
        this.portBase = portBase;
    }

    /**
     * Creates the domain on free loopback ports, starts it and gives its JVM AMS's settings.
     *
     * @param home             the distribution's {@code glassfish7} directory
     * @param domainDirectory  the directory holding the new domain; made afresh
     * @param systemProperties {@code -Dname=value} settings for the server's JVM
     */
    public static GlassFishServer start(Path home, Path domainDirectory, List<String> systemProperties)
            throws IOException, InterruptedException {
        requireAbsent(domainDirectory);
        Files.createDirectories(domainDirectory);
        GlassFishServer server = new GlassFishServer(home, domainDirectory, freeBase(PORT_OFFSETS, 100));
        server.asadmin("create-domain", "--nopassword", "--domaindir", domainDirectory.toString(),
                "--portbase", String.valueOf(server.portBase), DOMAIN);
        server.configureDomainForTests();
        try {
            server.startDomain();
            // One property list, name=value pairs split by ':' (a ':' inside a value, as in a JDBC URL, escaped).
            server.remote("create-system-properties", systemProperties.stream()
                    .map(option -> option.substring("-D".length()).replace(":", "\\:"))
                    .collect(Collectors.joining(":")));
        } catch (IOException | AssertionError e) {
            // A start that took longer than asadmin waits may still come up: it must not outlive the test.
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public int httpPort() {
        return portBase + 80;
    }

    @Override
    public int httpsPort() {
        return portBase + 81;
    }

    @Override
    public void deploy(Path ear) throws IOException, InterruptedException {
        remote("deploy", "--name", APPLICATION, ear.toString());
    }

    @Override
    public void redeploy(Path ear) throws IOException, InterruptedException {
        remote("redeploy", "--name", APPLICATION, ear.toString());
    }

    @Override
    public void undeploy() throws IOException, InterruptedException {
        remote("undeploy", APPLICATION);
    }

    /** The domain's log ({@code logs/server.log}; GlassFish rotates it at 100 MB, far more than a test writes). */
    @Override
    public String log() throws IOException {
        Path file = domain().resolve("logs").resolve("server.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    @Override
    protected Optional<ProcessHandle> serverJvm() throws IOException {
        Path pid = domain().resolve("config").resolve("pid");
        return Files.exists(pid) ? ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
    }

    /** Stops the domain with {@code asadmin}, or ends its JVM when that fails. */
    @Override
    public void close() throws InterruptedException {
        try {
            asadmin("stop-domain", "--domaindir", directory().toString(), DOMAIN);
        } catch (IOException | AssertionError e) {
            try {
                serverJvm().ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException notRunning) {
                // Nothing left to end.
            }
        }
    }

    /**
     * Starts the domain and waits for GlassFish's own start-up record in its log. Once in about seven starts on the
     * busy test machine, GlassFish 7.0.21 came up with its records going nowhere: {@code server.log} kept only the
     * launcher's lines, and every later check of the log failed (the cause is not known). Such a start is stopped
     * and the domain started once more.
     */
    private void startDomain() throws IOException, InterruptedException {
        for (int start = 1; start <= 2; start++) {
            asadmin("start-domain", "--domaindir", directory().toString(), DOMAIN);
            Instant deadline = Instant.now().plus(LOG_TIMEOUT);
            while (!log().contains(STARTED) && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }
            if (log().contains(STARTED)) {
                return;
            }
            asadmin("stop-domain", "--domaindir", directory().toString(), DOMAIN);
        }
        throw new AssertionError("GlassFish started twice without writing its log:\n" + tail(log(), 40));
    }

    /**
     * A new domain listens on every address; these tests may use loopback only. No {@code asadmin} command sets a
     * listener's address before the domain first starts, and the IIOP and JMX listeners take a new one only at a
     * restart, so the new domain's {@code domain.xml} gets it before the first start. The embedded JMS broker's
     * listener knows no address at all: it is switched off (AMS uses no JMS). A new domain's server configuration
     * has no JMS element yet (the first start adds the default, an embedded broker), so it gets one. The JVM gets the
     * test servers' compiler settings.
     */
    private void configureDomainForTests() throws IOException {
        Path configuration = domain().resolve("config").resolve("domain.xml");
        String serverConfig = "<config name=\"server-config\">";
        String xml = Files.readString(configuration, StandardCharsets.UTF_8)
                .replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                .replace("<network-listener port=", "<network-listener address=\"127.0.0.1\" port=")
                .replace(serverConfig, serverConfig + "\n      <jms-service type=\"DISABLED\" default-jms-host=\"jms\">"
                        + "<jms-host name=\"jms\" host=\"127.0.0.1\" port=\"${JMS_PROVIDER_PORT}\"/></jms-service>");
        // One JMS element in each of the two configurations (server and default), ours the server's.
        if (xml.split("<jms-service ", -1).length != 3 || xml.contains("<network-listener port=")) {
            throw new IllegalStateException("domain.xml changed shape: listeners not moved to loopback");
        }
        xml = withTestJvmOptions(xml);
        Files.writeString(configuration, xml, StandardCharsets.UTF_8);
    }

    /**
     * A GlassFish or Payara Server {@code domain.xml} with the test servers' compiler and collector settings
     * ({@link TestEnvironment#serverJitOptions()}) beside the heap size each configuration sets: a server that lives a
     * few minutes gains nothing from C2's work.
     */
    public static String withTestJvmOptions(String domainXml) {
        String heap = "<jvm-options>-Xmx512m</jvm-options>";
        if (!domainXml.contains(heap)) {
            throw new IllegalStateException("domain.xml changed shape: no " + heap);
        }
        StringBuilder options = new StringBuilder(heap);
        for (String option : TestEnvironment.serverJitOptions().trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.append("\n        <jvm-options>").append(option).append("</jvm-options>");
            }
        }
        return domainXml.replace(heap, options);
    }

    private Path domain() {
        return directory().resolve(DOMAIN);
    }

    /** An {@code asadmin} command against the running domain's admin port. */
    private String remote(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(portBase + 48)));
        command.addAll(List.of(arguments));
        return asadmin(command.toArray(String[]::new));
    }

    private String asadmin(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("asadmin").toString(),
                "--interactive=false"));
        command.addAll(List.of(arguments));
        // start-domain waits 60 s for the server by default, less than a start on a busy 2-core machine may take.
        return runTool(command, TOOL_TIMEOUT,
                Map.of("AS_START_TIMEOUT", String.valueOf(TOOL_TIMEOUT.toMillis())));
    }
}
