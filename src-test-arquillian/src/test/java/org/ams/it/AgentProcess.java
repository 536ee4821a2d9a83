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
 */
public final class AgentProcess {

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
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(Files.createDirectories(TestEnvironment.work()), "agent-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Running(process, log);
    }

    /** An agent run under way. */
    public record Running(Process process, Path log) {

        /** Waits for the run to end, at most two minutes. */
        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the agent did not finish: " + output());
            }
            return new Result(process.exitValue(), output());
        }

        public String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }
}
