package org.ams.access;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ams.escrow.KeyState;
import org.ams.protocol.wire.DriveType;

/** A key protector whose id starts with what the user typed, on a computer the user may see. Never a password. */
public record KeyIdMatch(ComputerCandidate computer, String mountPoint, DriveType driveType, String keyId,
                         String protectorId, KeyState state, OffsetDateTime escrowedAt) implements Serializable {

    public UUID deviceId() {
        return computer.deviceId();
    }
}
