package org.ams.dashboard;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Whether escrowed keys are being replaced and can still be opened: the rotations waiting for their device (oldest
 * first) and those that failed (newest first), each list cut at {@link Dashboard#ROTATIONS_LISTED} with the total
 * beside it, and the escrow verification's result.
 *
 * @param waiting             rotations asked for and not finished
 * @param oldestWaiting       the oldest of them
 * @param failed              rotations that failed for keys still current
 * @param latestFailures      the most recent of them
 * @param unreadableSecrets   escrowed keys whose sealed secret the server cannot open; expected 0
 * @param lastVerifiedAt      when the last escrow verification finished; {@code null} before the first
 * @param lastVerifiedKeys    how many keys it checked
 */
public record EscrowHealth(long waiting, List<WaitingRotation> oldestWaiting, long failed,
                           List<FailedRotation> latestFailures, long unreadableSecrets, OffsetDateTime lastVerifiedAt,
                           long lastVerifiedKeys) {

    public EscrowHealth {
        oldestWaiting = List.copyOf(oldestWaiting);
        latestFailures = List.copyOf(latestFailures);
    }

    /** Whether the verification has run at all; until it has, "0 unreadable" means nothing. */
    public boolean verified() {
        return lastVerifiedAt != null;
    }
}
