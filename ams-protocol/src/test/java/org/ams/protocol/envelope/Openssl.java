package org.ams.protocol.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code openssl} binary in a working directory. Its standard output goes to a file the caller names
 * (decrypted secrets must not reach the test log); its standard error is kept for failure messages.
 */
final class Openssl {

    static final Path BINARY = Path.of("/usr/bin/openssl");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path directory;

    Openssl(Path directory) {
        this.directory = directory;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The outcome of one run: exit status and standard error (never standard output). */
    record Result(int exitCode, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String describe() {
            return "openssl exited with " + exitCode + ": " + stderr;
        }
    }

    Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile(directory, "stdout", ".bin");
        Path stderr = Files.createTempFile(directory, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl " + arguments[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** Like {@link #run} but also returns what openssl printed, for output that holds no secret. */
    String output(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl " + arguments[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
