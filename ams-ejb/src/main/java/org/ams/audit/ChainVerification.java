package org.ams.audit;

import java.time.Instant;

/**
 * The outcome of walking the audit chain: intact, or the first broken link.
 *
 * @param status         {@link Status#INTACT} or what is wrong at {@code brokenAt}
 * @param records        how many records were checked and found sound (all of them when intact)
 * @param lastSequence   the sequence number of the last record the chain's head names
 * @param lastHash       when intact, the hash of the last record: noting it elsewhere lets a later verification
 *                       prove that nothing up to it was rewritten, even by someone able to recompute every hash
 * @param brokenAt       the sequence number of the first broken link, 0 when intact
 * @param verifiedAt     when the walk ended
 */
public record ChainVerification(Status status, long records, long lastSequence, String lastHash, long brokenAt,
                                Instant verifiedAt) {

    /** What verification found. */
    public enum Status {
        INTACT,
        /** The record's content does not match its hash: it was edited. */
        EDITED,
        /** No record has this sequence number while later ones exist: it was deleted. */
        MISSING,
        /** The record's previous hash is not the hash of the record before it: records were removed or inserted. */
        LINK_BROKEN,
        /**
         * The chain ends differently from what its head says: the newest records were removed (the chain is shorter
         * than the head's last sequence number; {@code brokenAt} is the first number missing) or the last one was
         * replaced or the head altered ({@code brokenAt} is the head's last sequence number).
         */
        HEAD_MISMATCH
    }

    public boolean intact() {
        return status == Status.INTACT;
    }

    /** One sentence for a person. */
    public String description() {
        return switch (status) {
            case INTACT -> "The audit log is intact: " + records + " records, last hash " + lastHash + ".";
            case EDITED -> "The audit log is broken at record " + brokenAt
                    + ": its content does not match its hash (the record was edited).";
            case MISSING -> "The audit log is broken at record " + brokenAt
                    + ": there is no record with this number (it was deleted).";
            case LINK_BROKEN -> "The audit log is broken at record " + brokenAt
                    + ": it does not link to the hash of record " + (brokenAt - 1)
                    + " (records were removed, inserted or rewritten).";
            case HEAD_MISMATCH -> "The audit log is broken at record " + brokenAt
                    + ": the chain ends differently from what its head records (the newest records were removed "
                    + "or rewritten).";
        };
    }
}
