package org.ams.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * AMS started the way an administrator starts it: the {@code ams-server} launcher from the repository root, as a
 * separate process with its own environment, output captured to a log file.
 */
public final class ServerProcess implements AutoCloseable {

    /**
     * A ceiling, not an expectation: idle, a server is ready in about 40 s, but CI runs both database modules'
     * fresh-server classes side by side on two cores, and ClusterIT's two nodes were seen still deploying after 3
     * minutes there.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(7);
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Random PORT_CHOICE = new java.security.SecureRandom();

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int httpsPort;

    private ServerProcess(Process process, Path log, int httpPort, int httpsPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Starts the launcher with the given extra environment; ports are chosen free unless the environment names them. */
    public static ServerProcess launch(Path dataDirectory, Map<String, String> environment, Path log) {
        return launch(TestEnvironment.repositoryRoot(), dataDirectory, environment, log);
    }

    /**
     * Starts the launcher of the build in {@code home} (its {@code ams-server}, with that build's WAR and Payara
     * Micro), e.g. an older build for an upgrade test.
     */
    public static ServerProcess launch(Path home, Path dataDirectory, Map<String, String> environment, Path log) {
        Map<String, String> env = new HashMap<>(environment);
        int http = Integer.parseInt(env.computeIfAbsent("AMS_HTTP_PORT", key -> String.valueOf(freePort())));
        int https = Integer.parseInt(env.computeIfAbsent("AMS_HTTPS_PORT", key -> String.valueOf(freePort())));
        env.putIfAbsent("AMS_DATA_DIR", dataDirectory.toString());
        // The launcher passes JAVA_OPTS to the server's JVM: the same compiler settings as the servers Arquillian starts.
        env.putIfAbsent("JAVA_OPTS", "-Xmx512m" + TestEnvironment.serverJitOptions());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("ams-server").toString())
                .directory(TestEnvironment.work().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The launcher must not inherit settings of the machine running the tests.
        builder.environment().keySet().removeIf(key -> key.startsWith("AMS_"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(TestEnvironment.work());
            return new ServerProcess(builder.start(), log, http, https);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port for a server a test is about to start. A port the kernel hands out for port 0 comes from the ephemeral
     * range, from which the kernel also takes the local port of every outgoing connection (the browser's, the JDBC
     * driver's, the agent's): released and bound again moments later, it may be taken in between. Ports below that
     * range are never handed out by the kernel, so one that is free now stays free until the server binds it; and
     * each is handed out once per JVM, so two servers of one test never get the same.
     */
    public static int freePort() {
        int[] ephemeral = ephemeralRange();
        int low = 10_000;
        int high = ephemeral[0] - 1;
        if (high - low < 1_000) {
            low = ephemeral[1] + 1;
            high = 65_535;
        }
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = low + PORT_CHOICE.nextInt(high - low + 1);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + low + " and " + high);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] ephemeralRange() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999}; // Linux's default
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    public String httpsBase() {
        return "https://localhost:" + httpsPort + "/";
    }

    public String httpBase() {
        return "http://localhost:" + httpPort + "/";
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of the log around each line that contains {@code text} (a few before, the stack trace after), for an
     * assertion's message: the whole log of a server is too long for a build's output, which cuts it short.
     */
    public String logAround(String text) {
        List<String> lines = log().lines().toList();
        StringBuilder excerpt = new StringBuilder();
        int shownUpTo = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                int from = Math.max(shownUpTo + 1, i - 3);
                int to = Math.min(lines.size(), i + 30);
                excerpt.append(from > shownUpTo + 1 ? "...\n" : "");
                lines.subList(from, to).forEach(line -> excerpt.append(line).append('\n'));
                shownUpTo = to - 1;
            }
        }
        return excerpt.toString();
    }

    /** Waits for the launcher to exit (for start-up checks that refuse to start), returning its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new AssertionError("the launcher did not exit:\n" + log());
        }
        return process.exitValue();
    }

    /** Waits until {@code /health/ready} answers with the given status, over plain HTTP on loopback. */
    public void awaitReadiness(int expectedStatus) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpBase() + "health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await(() -> {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == expectedStatus;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, "/health/ready to answer " + expectedStatus);
    }

    public void awaitLog(String text) {
        await(() -> log().contains(text), "the log to say '" + text + "'");
    }

    private void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("AMS exited (" + process.exitValue() + ") while waiting for " + what
                        + ":\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + ":\n" + log());
            }
            try {
                // Polling a separate process: there is nothing to be notified by.
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Kills the server as a crash or an out-of-memory killer would (SIGKILL): nothing of it runs on. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the server as a service manager would (SIGTERM), waiting for a clean shutdown. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
