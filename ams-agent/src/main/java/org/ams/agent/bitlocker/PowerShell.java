package org.ams.agent.bitlocker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runs a PowerShell script and returns what it wrote to standard output. */
public interface PowerShell {

    String run(String script) throws VolumeReadException;

    /** A script shipped as a resource beside {@code owner} (UTF-8), as the agent runs it. */
    static String script(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
