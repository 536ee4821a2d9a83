package org.ams.escrow;

import java.time.OffsetDateTime;

/**
 * What a verification run found, or that it did not run because another run (on this node or another) holds the
 * claim.
 *
 * @param ran        whether this call ran the verification
 * @param checked    keys whose sealed secrets were opened in this run
 * @param unreadable keys unreadable when it finished (history included), expected 0
 * @param finishedAt when it finished; {@code null} when it did not run
 */
public record VerificationOutcome(boolean ran, long checked, long unreadable, OffsetDateTime finishedAt) {

    static VerificationOutcome notRun() {
        return new VerificationOutcome(false, 0, 0, null);
    }
}
