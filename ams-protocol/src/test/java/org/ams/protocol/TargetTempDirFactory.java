package org.ams.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Puts {@code @TempDir} directories under {@code target/} rather than the system temp directory, so files a test
 * writes (key files for OpenSSL among them) stay inside the build and are removed by {@code mvn clean}.
 */
public final class TargetTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws IOException {
        // Absolute: a test compares paths with what the code under test prints, which is always absolute.
        Path parent = Path.of(System.getProperty("ams.test.tmpdir", "target/test-tmp")).toAbsolutePath();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "junit-");
    }
}
