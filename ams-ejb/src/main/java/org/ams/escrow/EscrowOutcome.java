package org.ams.escrow;

import org.ams.protocol.ProtectorId;

/** What became of one uploaded protector. */
public record EscrowOutcome(ProtectorId protectorId, Result result) {

    public enum Result {
        /** Newly escrowed (first time, or the protector's password changed and the old one is now superseded). */
        STORED,
        /** The server already held exactly this password for this protector. */
        ALREADY_HELD
    }
}
