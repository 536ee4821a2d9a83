package org.ams.protocol.wire;

import java.util.Optional;

/**
 * The drive types agent policies switch backup on and off for, from {@code Win32_EncryptableVolume.VolumeType}
 * (0 operating system, 1 fixed data, 2 portable/removable data).
 */
public enum DriveType {

    OS(0, "Operating system drive"),
    FIXED(1, "Fixed data drive"),
    REMOVABLE(2, "Removable data drive");

    private final int volumeType;
    private final String label;

    DriveType(int volumeType, String label) {
        this.volumeType = volumeType;
        this.label = label;
    }

    /** As BitLocker's own pages name it, e.g. "Fixed data drive". */
    public String label() {
        return label;
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
