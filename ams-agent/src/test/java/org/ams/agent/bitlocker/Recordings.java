package org.ams.agent.bitlocker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Volume lists in exactly the shape the Windows reader's PowerShell script writes ({@code ConvertTo-Json -Depth 4
 * -Compress}: an array, or a bare object for a single volume), with BitLocker-valid recovery passwords made for the
 * tests (test resources beside this class).
 */
public final class Recordings {

    public static final String FOUR_VOLUMES = "windows11-four-volumes.json";
    public static final String SINGLE_VOLUME_OBJECT = "single-volume-object.json";

    private Recordings() {
    }

    public static String read(String name) {
        try (InputStream in = Recordings.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
