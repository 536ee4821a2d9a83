package org.ams.escrow;

import java.util.List;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.wire.DriveType;

/**
 * One volume of an upload, already checked: a volume id, an optional mount point, its drive type and its
 * protectors with their envelopes.
 */
public record EscrowedVolume(String volumeId, String mountPoint, DriveType driveType, List<Protector> protectors) {

    public record Protector(ProtectorId protectorId, byte[] envelope) {
    }
}
