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
 * @param driveType {@code null} for a key imported from a directory, which does not record it
 * @param lifecycle who was last shown it, whether the device is replacing it and what replaced it
 * @param origin    where the key came from when not from the device's agent (see {@link
 *                  org.ams.escrow.RecoveryKey#originNote()}); {@code null} otherwise
 */
public record RevealedKey(UUID id, String volumeId, String mountPoint, DriveType driveType, String protectorId,
                          String keyId, OffsetDateTime escrowedAt, KeyState state, OffsetDateTime supersededAt,
                          RecoveryPassword password, KeyLifecycle lifecycle, String origin) {

    public RevealedKey {
        lifecycle = lifecycle == null ? KeyLifecycle.UNTOUCHED : lifecycle;
    }

    /** A key its device's agent escrowed. */
    public RevealedKey(UUID id, String volumeId, String mountPoint, DriveType driveType, String protectorId,
                       String keyId, OffsetDateTime escrowedAt, KeyState state, OffsetDateTime supersededAt,
                       RecoveryPassword password, KeyLifecycle lifecycle) {
        this(id, volumeId, mountPoint, driveType, protectorId, keyId, escrowedAt, state, supersededAt, password,
                lifecycle, null);
    }

    public boolean current() {
        return state == KeyState.CURRENT;
    }

    /** The same key, with where it stands now (after this request's own showing was recorded). */
    RevealedKey with(KeyLifecycle now) {
        return new RevealedKey(id, volumeId, mountPoint, driveType, protectorId, keyId, escrowedAt, state,
                supersededAt, password, now, origin);
    }
}
