package org.ams.escrow;

import java.util.List;
import java.util.Objects;
import org.ams.protocol.MountPoint;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.VolumeId;
import org.ams.protocol.wire.DriveType;

/**
 * One volume of an upload, already checked: a volume id, an optional mount point ({@code null} when the volume has
 * none), its drive type and its protectors with their envelopes. Volume id and mount point are value objects, so that
 * nothing but a volume GUID path and a drive letter or folder path can reach the database.
 */
public record EscrowedVolume(VolumeId volumeId, MountPoint mountPoint, DriveType driveType,
                             List<Protector> protectors) {

    public EscrowedVolume {
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(driveType, "driveType");
        protectors = List.copyOf(protectors);
    }

    /**
     * @param replaces the protector this key replaces, when a rotation the server asked for made it; {@code null}
     *                 for a key escrowed because the server does not hold it yet
     */
    public record Protector(ProtectorId protectorId, byte[] envelope, ProtectorId replaces) {

        public Protector(ProtectorId protectorId, byte[] envelope) {
            this(protectorId, envelope, null);
        }
    }
}
