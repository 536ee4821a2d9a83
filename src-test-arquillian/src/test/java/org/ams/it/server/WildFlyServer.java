package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A WildFly server unpacked from Maven Central, run as an administrator runs it: {@code bin/standalone.sh} with the
 * Jakarta EE full profile ({@code standalone-full.xml}) on a server directory of its own (a copy of the
 * distribution's {@code standalone/}), every port on loopback, managed with {@code bin/jboss-cli.sh}.
 */
public final class WildFlyServer implements AutoCloseable {

    /** WildFly's default ports, all moved by one offset: http, https, management http/https, ajp, iiop, transactions. */
    private static final int[] DEFAULT_PORTS = {8080, 8443, 9990, 9993, 8009, 3528, 3529, 4712, 4713};
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(5);

    private final Path home;
    private final Path baseDirectory;
    private final int portOffset;
    private final Process process;

    private WildFlyServer(Path home, Path baseDirectory, int portOffset, Process process) {
        this.home = home;
        this.baseDirectory = baseDirectory;
        this.portOffset = portOffset;
        this.process = process;
    }

    /**
     * Starts the server and waits until it says it has started.
     *
     * @param systemProperties {@code -Dname=value} options for the server, as an administrator passes them to
     *                         {@code standalone.sh}
     */
    public static WildFlyServer start(Path home, Path baseDirectory, List<String> systemProperties)
            throws IOException, InterruptedException {
        if (Files.exists(baseDirectory)) {
            throw new IllegalStateException(baseDirectory + " exists: a server directory is made afresh");
        }
        copy(home.resolve("standalone"), baseDirectory);
        int offset = freePortOffset();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + baseDirectory,
                "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(systemProperties);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(baseDirectory.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Room for the application deployed twice (a redeploy) in one JVM; the defaults are 512 MB.
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms128m -Xmx768m");
        WildFlyServer server = new WildFlyServer(home, baseDirectory, offset, builder.start());
        try {
            server.awaitStarted();
        } catch (AssertionError e) {
            server.process.descendants().forEach(ProcessHandle::destroyForcibly);
            server.process.destroyForcibly();
            throw e;
        }
        return server;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    public int httpsPort() {
        return 8443 + portOffset;
    }

    /** Runs a jboss-cli script file against the running server; fails with the CLI's output when it does. */
    public String cliFile(Path script) throws IOException, InterruptedException {
        return cli("--file=" + script);
    }

    /** Runs one jboss-cli command against the running server; fails with the CLI's output when it does. */
    public String cliCommand(String command) throws IOException, InterruptedException {
        return cli("--command=" + command);
    }

    private String cli(String what) throws IOException, InterruptedException {
        // A long timeout: it is also how long a script's reload waits for the server (the default, 5 s, is less than
        // a reload takes on a busy machine).
        List<String> command = List.of(home.resolve("bin").resolve("jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + portOffset), "--timeout=" + CLI_TIMEOUT.toMillis(), what);
        Path output = Files.createTempFile(baseDirectory, "cli-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = builder.start();
        if (!cli.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new AssertionError("jboss-cli " + what + " did not finish: " + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (cli.exitValue() != 0) {
            throw new AssertionError("jboss-cli " + what + " failed:\n" + text + "\nServer log:\n" + tail(log(), 60));
        }
        return text;
    }

    /** The server's log ({@code log/server.log} in its server directory). */
    public String log() throws IOException {
        Path file = baseDirectory.resolve("log").resolve("server.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
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

    /** Shuts the server down through the CLI, or ends its processes when that fails. */
    @Override
    public void close() throws InterruptedException {
        try {
            cliCommand(":shutdown");
        } catch (IOException | AssertionError e) {
            // Ended below.
        }
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void awaitStarted() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String log = log();
            if (log.contains("WFLYSRV0025")) {
                return;
            }
            if (log.contains("WFLYSRV0026") || !process.isAlive()) {
                throw new AssertionError("WildFly did not start cleanly:\n" + tail(log, 60) + "\nConsole:\n"
                        + tail(Files.readString(baseDirectory.resolve("console.log")), 40));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("WildFly did not start within " + START_TIMEOUT + ":\n" + tail(log(), 60));
    }

    private Optional<ProcessHandle> serverJvm() {
        return process.descendants().filter(handle -> handle.info().commandLine()
                .map(line -> line.contains("jboss-modules")).orElse(false)).findFirst();
    }

    /** One offset that moves every port WildFly opens to a free one on loopback. */
    private static int freePortOffset() {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 10_000 + random.nextInt(20_000);
            if (IntStream.of(DEFAULT_PORTS).allMatch(port -> bindable(port + offset))) {
                return offset;
            }
        }
        throw new AssertionError("no free set of ports for WildFly");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
