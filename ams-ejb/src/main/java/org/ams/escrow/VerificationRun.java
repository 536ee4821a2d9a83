package org.ams.escrow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * The one row of escrow verification: how the last run ended, and the claim of the node running one now. Written by
 * {@link EscrowVerificationBatch}'s conditional UPDATEs only, so that two nodes can never both hold the claim.
 */
@Entity
@Table(name = "escrow_verification")
public class VerificationRun {

    static final int ID = 1;

    @Id
    private int id;

    @Column(name = "claim_token", length = 36)
    private String claimToken;

    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;

    /** The server process holding the claim ({@link org.ams.platform.ServerInstance#process()}). */
    @Column(name = "claimed_by", length = 80)
    private String claimedBy;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(nullable = false)
    private long checked;

    @Column(nullable = false)
    private long unreadable;

    @Version
    private long version;

    protected VerificationRun() {
    }

    /** When the last run (or the one under way) started; {@code null} before the first. */
    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    /** When the last run finished; {@code null} before the first finished. */
    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    /** How many keys the last finished run checked. */
    public long getChecked() {
        return checked;
    }

    /** How many keys were unreadable when the last run finished. */
    public long getUnreadable() {
        return unreadable;
    }

    /** Whether a node holds an unexpired claim now. */
    public boolean isRunning(OffsetDateTime now) {
        return claimToken != null && claimedUntil != null && claimedUntil.isAfter(now);
    }
}
