package org.ams.agent.bitlocker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Volumes read from a JSON file in the shape the Windows reader produces (see {@link VolumeJson}). */
public final class VolumesFile implements VolumeSource {

    private final Path file;

    public VolumesFile(Path file) {
        this.file = file;
    }

    @Override
    public List<BitLockerVolume> volumes() throws VolumeReadException {
        try {
            return VolumeJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VolumeReadException("Cannot read the volumes file " + file + ": " + e.getMessage(), e);
        }
    }
}
