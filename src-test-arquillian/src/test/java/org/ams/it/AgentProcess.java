package org.ams.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real agent jar, run as a device would run it: {@code java -jar ams-agent.jar <command> ...}. Each run is a short
 * JVM, started with the quick-start compiler and collector the tests' many runs gain from; the agent's code is the same.
 * <p>
 * A test JVM runs the agent a hundred times and more, and each run loaded and verified the same few thousand classes:
 * the first run of a test JVM writes them to a class-data sharing archive (the JDK's dynamic CDS), later runs map it
 * (about a third less CPU per run). The archive is written under a temporary name and moved into place when its run
 * has ended, so no run maps a half-written one (a JVM ignores an archive it cannot use); the JVM's own log is off,
 * since CDS notes it would print would land in the output the tests read.
 */
public final class AgentProcess {

    private static final Object CDS_LOCK = new Object();
    private static Path cdsArchive;
    private static boolean cdsDumping;

    private AgentProcess() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(String... arguments) throws IOException, InterruptedException {
        return start(List.of(), arguments).await();
    }

    /** Starts the agent and returns at once, for a test that talks to it (its standard input is a pipe) while it runs. */
    public static Running start(String... arguments) throws IOException {
        return start(List.of(), arguments);
    }

    /** Starts the agent with extra JVM options (e.g. a debugger's), without waiting for it. */
    public static Running start(List<String> jvmOptions, String... arguments) throws IOException {
        Path jar = Path.of(System.getProperty("ams.it.agent.jar", "../ams-agent/target/ams-agent.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        Path dumping = classSharing(command, jvmOptions.isEmpty());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(Files.createDirectories(TestEnvironment.work()), "agent-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            sharingDumped(dumping);
            throw e;
        }
        return new Running(process, log, dumping);
    }

    /**
     * Adds the class-data sharing options to the command: map this test JVM's archive, or write it if no run has yet;
     * returns where this run writes it, or {@code null}.
     */
    private static Path classSharing(List<String> command, boolean mayWrite) throws IOException {
        synchronized (CDS_LOCK) {
            if (cdsArchive == null) {
                cdsArchive = Files.createDirectories(TestEnvironment.work()).resolve("agent-classes-"
                        + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsa");
            }
            if (Files.exists(cdsArchive)) {
                command.addAll(List.of("-XX:SharedArchiveFile=" + cdsArchive, "-Xlog:disable"));
                return null;
            }
            if (cdsDumping || !mayWrite) {
                // A run with JVM options of its own (a debugger's) may be stopped before it ends: it writes none.
                return null;
            }
            cdsDumping = true;
            Path writing = cdsArchive.resolveSibling(cdsArchive.getFileName() + ".writing");
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + writing, "-Xlog:disable"));
            return writing;
        }
    }

    /** After the run that wrote the archive: moves it into place, or lets a later run write one. */
    private static void sharingDumped(Path writing) {
        if (writing == null) {
            return;
        }
        synchronized (CDS_LOCK) {
            try {
                if (Files.exists(writing)) {
                    Files.move(writing, cdsArchive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                // No archive: later runs load their classes as usual.
            } finally {
                cdsDumping = Files.exists(cdsArchive);
            }
        }
    }

    /** An agent run under way; {@code sharingArchive} is where it writes the class-data sharing archive, or null. */
    public record Running(Process process, Path log, Path sharingArchive) {

        /** Waits for the run to end, at most two minutes. */
        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                process.waitFor();
                sharingDumped(sharingArchive);
                throw new AssertionError("the agent did not finish: " + output());
            }
            sharingDumped(sharingArchive);
            return new Result(process.exitValue(), output());
        }

        public String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }
}
