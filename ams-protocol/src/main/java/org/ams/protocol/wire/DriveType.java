package org.ams.protocol.wire;

import java.util.Optional;

/**
 * The drive types agent policies switch backup on and off for, from {@code Win32_EncryptableVolume.VolumeType}
 * (0 operating system, 1 fixed data, 2 portable/removable data).
 */
public enum DriveType {

    OS(0),
    FIXED(1),
    REMOVABLE(2);

    private final int volumeType;

    DriveType(int volumeType) {
        this.volumeType = volumeType;
    }

    public int volumeType() {
        return volumeType;
    }

    public static Optional<DriveType> ofVolumeType(int volumeType) {
        for (DriveType type : values()) {
            if (type.volumeType == volumeType) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
