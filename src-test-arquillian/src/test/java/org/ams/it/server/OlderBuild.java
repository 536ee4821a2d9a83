package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An earlier build of AMS made from this repository's history, as an administrator upgrading from it has it: the
 * sources of one commit ({@code git archive}) built the way the Quick start builds them (the web module and what it
 * needs, tests skipped) into a directory of its own, whose {@code ams-server} then starts that build's WAR on that
 * build's Payara Micro. A directory that already holds the build is used as it is (a second run on one checkout).
 */
public final class OlderBuild {

    private static final long BUILD_MINUTES = 10;

    private OlderBuild() {
    }

    /**
     * The build of {@code commit} in {@code directory}, made there first if it is not.
     *
     * @return the build's home: the directory holding its {@code ams-server}
     */
    public static Path of(Path repository, String commit, Path directory) {
        Path war = directory.resolve("ams-web/target/ams-web.war");
        Path micro = directory.resolve("ams-web/target/runtime/payara-micro.jar");
        if (Files.isRegularFile(war) && Files.isRegularFile(micro)) {
            return directory;
        }
        try {
            Files.createDirectories(directory);
            Path log = directory.resolveSibling(directory.getFileName() + "-build.log");
            run(List.of("git", "-C", repository.toString(), "cat-file", "-e", commit + "^{commit}"), directory, log,
                    "the repository's history lacks commit " + commit + " (a shallow clone?), which this test builds"
                            + " as the older version: clone the repository with its history");
            run(List.of("bash", "-c", "git -C \"$1\" archive --format=tar \"$2\" | tar -x -C \"$3\"", "archive",
                    repository.toString(), commit, directory.toString()), directory, log,
                    "the sources of commit " + commit + " could not be extracted");
            List<String> maven = new ArrayList<>(List.of("mvn", "-B", "-q", "package", "-DskipTests", "-pl", "ams-web",
                    "-am"));
            String localRepository = System.getProperty("ams.it.maven.repository");
            if (localRepository != null && !localRepository.isBlank()) {
                maven.add("-Dmaven.repo.local=" + localRepository);
            }
            run(maven, directory, log, "the build of commit " + commit + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isRegularFile(war) || !Files.isRegularFile(micro)) {
            throw new IllegalStateException("the build of commit " + commit + " made no " + war + " and " + micro);
        }
        return directory;
    }

    private static void run(List<String> command, Path directory, Path log, String failure) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(failure + ": not done in " + BUILD_MINUTES + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure + ": interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(failure + " (exit " + process.exitValue() + "):\n"
                    + tail(Files.readString(log), 60));
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
