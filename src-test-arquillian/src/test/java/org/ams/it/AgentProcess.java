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
        Started started = start(arguments);
        if (!started.process().waitFor(2, TimeUnit.MINUTES)) {
            started.process().destroyForcibly();
            throw new AssertionError("the agent did not finish: " + started.output());
        }
        return new Result(started.process().exitValue(), started.output());
    }

    /** An agent still running; its output goes to {@code log}, its standard input is a pipe. */
    public record Started(Process process, Path log) {

        /** What the agent printed so far. */
        public String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    /** Starts the agent and returns at once, for a test that talks to it while it runs. */
    public static Started start(String... arguments) throws IOException {
        Path jar = Path.of(System.getProperty("ams.it.agent.jar", "../ams-agent/target/ams-agent.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(Files.createDirectories(TestEnvironment.work()), "agent-", ".log");
        return new Started(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                log);
    }
}
