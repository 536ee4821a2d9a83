package org.ams.access;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.ams.escrow.KeyLifecycle;
import org.ams.escrow.KeyState;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.wire.DriveType;

/**
 * One escrowed key protector of a computer as an access request returns it: its metadata, and the recovery password
 * itself only when the request was for passwords and was granted. {@link RecoveryPassword#toString()} never shows
 * the digits, so neither does this record's.
 *
 * @param password  {@code null} for a key-metadata request
 * @param lifecycle who was last shown it, whether the device is replacing it and what replaced it
 */
public record RevealedKey(UUID id, String volumeId, String mountPoint, DriveType driveType, String protectorId,
                          String keyId, OffsetDateTime escrowedAt, KeyState state, OffsetDateTime supersededAt,
                          RecoveryPassword password, KeyLifecycle lifecycle) {

    public RevealedKey {
        lifecycle = lifecycle == null ? KeyLifecycle.UNTOUCHED : lifecycle;
    }

    public boolean current() {
        return state == KeyState.CURRENT;
    }

    /** The same key, with where it stands now (after this request's own showing was recorded). */
    RevealedKey with(KeyLifecycle now) {
        return new RevealedKey(id, volumeId, mountPoint, driveType, protectorId, keyId, escrowedAt, state,
                supersededAt, password, now);
    }
}
