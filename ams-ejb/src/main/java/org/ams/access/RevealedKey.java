package org.ams.access;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.ams.escrow.KeyState;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.wire.DriveType;

/**
 * One escrowed key protector of a computer as an access request returns it: its metadata, and the recovery password
 * itself only when the request was for passwords and was granted. {@link RecoveryPassword#toString()} never shows
 * the digits, so neither does this record's.
 *
 * @param password {@code null} for a key-metadata request
 */
public record RevealedKey(UUID id, String volumeId, String mountPoint, DriveType driveType, String protectorId,
                          String keyId, OffsetDateTime escrowedAt, KeyState state, OffsetDateTime supersededAt,
                          RecoveryPassword password) {

    public boolean current() {
        return state == KeyState.CURRENT;
    }
}
