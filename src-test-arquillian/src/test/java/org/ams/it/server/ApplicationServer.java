package org.ams.it.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A full Jakarta EE application server unpacked from Maven Central, run as an administrator runs it and managed with
 * its own command-line tool: what {@code org.ams.it.EarOnApplicationServer} needs of every server it proves the EAR
 * on. Each server has a directory of its own (configuration, log, deployments) and every port on loopback.
 */
public abstract class ApplicationServer implements AutoCloseable {

    private final Path directory;

    protected ApplicationServer(Path directory) {
        this.directory = directory;
    }

    public abstract int httpPort();

    public abstract int httpsPort();

    /** Deploys the EAR with the server's tool; returns once the tool says it is deployed, fails when it does not. */
    public abstract void deploy(Path ear) throws IOException, InterruptedException;

    /** Deploys a new version of the deployed EAR in its place. */
    public abstract void redeploy(Path ear) throws IOException, InterruptedException;

    /** Removes the deployed EAR. */
    public abstract void undeploy() throws IOException, InterruptedException;

    /** The server's log file as it is now. */
    public abstract String log() throws IOException;

    /** The JVM that runs the server (not a launcher script in front of it), while it runs. */
    protected abstract Optional<ProcessHandle> serverJvm() throws IOException;

    /** A server's directory is made afresh for each run: one left from an earlier run is an error. */
    protected static void requireAbsent(Path directory) {
        if (Files.exists(directory)) {
            throw new IllegalStateException(directory + " exists: a server directory is made afresh");
        }
    }

    /** Where the server's configuration, log and deployments live. */
    protected Path directory() {
        return directory;
    }

    /** A thread dump of the server's JVM, by the JDK's {@code jcmd}, as an administrator would take one. */
    public String threadDump() throws IOException, InterruptedException {
        long pid = serverJvm().orElseThrow(() -> new AssertionError("the server's JVM is not running")).pid();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dump.waitFor(1, TimeUnit.MINUTES) || dump.exitValue() != 0) {
            throw new AssertionError("jcmd Thread.print failed: " + text);
        }
        return text;
    }

    /**
     * Runs one of the server's tools to its end, its output in a file of the server's directory, with the test JVM's
     * Java; fails with the output and the server log's end when the tool fails or does not finish in time.
     *
     * @param environment variables for the tool besides {@code JAVA_HOME}
     */
    protected String runTool(List<String> command, Duration timeout, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "tool-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process tool = builder.start();
        String name = Path.of(command.get(0)).getFileName().toString();
        String what = name + " " + String.join(" ", command.subList(1, command.size()));
        if (!tool.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            throw new AssertionError(what + " did not finish: " + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (tool.exitValue() != 0) {
            throw new AssertionError(what + " failed:\n" + text + "\nServer log:\n" + tail(log(), 60));
        }
        return text;
    }

    /**
     * A number that, added to each of the given ports, gives a free loopback port: WildFly's port offset (added to
     * its default ports) or GlassFish's port base (to which it adds its fixed offsets).
     *
     * @param step the number is a multiple of it (GlassFish's port base is a round number by convention)
     */
    protected static int freeBase(int[] ports, int step) {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = (10_000 + random.nextInt(20_000)) / step * step;
            if (IntStream.of(ports).allMatch(port -> bindable(port + base))) {
                return base;
            }
        }
        throw new AssertionError("no free set of ports for the server");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
