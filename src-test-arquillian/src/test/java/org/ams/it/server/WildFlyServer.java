package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ams.it.TestEnvironment;

/**
 * A WildFly server unpacked from Maven Central, run as an administrator runs it: {@code bin/standalone.sh} with the
 * Jakarta EE full profile ({@code standalone-full.xml}) on a server directory of its own (a copy of the
 * distribution's {@code standalone/}), every port on loopback, managed with {@code bin/jboss-cli.sh}.
 */
public final class WildFlyServer extends ApplicationServer {

    /** WildFly's default ports, all moved by one offset: http, https, management http/https, ajp, iiop, transactions. */
    private static final int[] DEFAULT_PORTS = {8080, 8443, 9990, 9993, 8009, 3528, 3529, 4712, 4713};
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(5);
    private static final String DEPLOYMENT = "ams.ear";

    private final Path home;
    private final int portOffset;
    private final Process process;

    private WildFlyServer(Path home, Path baseDirectory, int portOffset, Process process) {
        super(baseDirectory);
        this.home = home;
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
        requireAbsent(baseDirectory);
        copy(home.resolve("standalone"), baseDirectory);
        int offset = freeBase(DEFAULT_PORTS, 1);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + baseDirectory,
                "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(systemProperties);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(baseDirectory.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Room for the application deployed twice (a redeploy) in one JVM; the defaults are 512 MB. standalone.conf
        // starts its JVM options with this variable, so the test servers' compiler and collector settings go with it
        // (TestEnvironment.serverJitOptions: a server that lives a few minutes gains nothing from C2's work).
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms128m -Xmx768m" + TestEnvironment.serverJitOptions());
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

    @Override
    public int httpPort() {
        return 8080 + portOffset;
    }

    @Override
    public int httpsPort() {
        return 8443 + portOffset;
    }

    @Override
    public void deploy(Path ear) throws IOException, InterruptedException {
        cliCommand("deploy " + ear);
    }

    @Override
    public void redeploy(Path ear) throws IOException, InterruptedException {
        cliCommand("deploy --force " + ear);
    }

    @Override
    public void undeploy() throws IOException, InterruptedException {
        cliCommand("undeploy " + DEPLOYMENT);
        String log = log();
        if (!log.contains("WFLYSRV0009: Undeployed \"" + DEPLOYMENT + "\"")) {
            throw new AssertionError("WildFly does not log the undeploy:\n" + tail(log, 40));
        }
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
        return runTool(List.of(home.resolve("bin").resolve("jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + portOffset), "--timeout=" + CLI_TIMEOUT.toMillis(), what),
                CLI_TIMEOUT, Map.of());
    }

    /** The server's log ({@code log/server.log} in its server directory). */
    @Override
    public String log() throws IOException {
        Path file = directory().resolve("log").resolve("server.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
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
                        + tail(Files.readString(directory().resolve("console.log")), 40));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("WildFly did not start within " + START_TIMEOUT + ":\n" + tail(log(), 60));
    }

    @Override
    protected Optional<ProcessHandle> serverJvm() {
        return process.descendants().filter(handle -> handle.info().commandLine()
                .map(line -> line.contains("jboss-modules")).orElse(false)).findFirst();
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
}
