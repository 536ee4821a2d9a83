package org.ams.agent.bitlocker;

import java.util.List;
import java.util.Optional;
import org.ams.protocol.wire.DriveType;

/**
 * One volume as {@code Win32_EncryptableVolume} describes it, using its numbers (see BITLOCKER.md):
 * {@code volumeType} 0 OS / 1 fixed / 2 removable, {@code conversionStatus} 0 fully decrypted ... 5 decryption
 * paused, {@code protectionStatus} 0 off or suspended / 1 on / 2 unknown.
 */
public record BitLockerVolume(String mountPoint, String volumeId, int volumeType, int conversionStatus,
                              int protectionStatus, List<RecoveryPasswordProtector> recoveryPasswords) {

    public static final int FULLY_DECRYPTED = 0;

    public BitLockerVolume {
        recoveryPasswords = List.copyOf(recoveryPasswords);
    }

    public Optional<DriveType> driveType() {
        return DriveType.ofVolumeType(volumeType);
    }

    /**
     * Whether the volume holds encrypted data a recovery password unlocks: anything but fully decrypted. Suspended
     * protection still counts (the data stays encrypted), and so does a volume part-way through encryption or
     * decryption.
     */
    public boolean hasEncryptedData() {
        return conversionStatus != FULLY_DECRYPTED;
    }

    /** The volume as a person would name it in a log: its mount point, or its id when it has none. */
    public String displayName() {
        return mountPoint == null || mountPoint.isBlank() ? volumeId : mountPoint;
    }
}
