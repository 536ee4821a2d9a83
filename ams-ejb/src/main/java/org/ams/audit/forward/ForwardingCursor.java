package org.ams.audit.forward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How far forwarding has come: every audit record up to {@link #getLastForwarded()} was taken by the receiver. The
 * cursor only moves after a send succeeded, so a record is forwarded at least once, whatever fails in between.
 * Also what the settings page shows: the last success, the last error, when the next attempt is due.
 */
@Entity
@Table(name = "audit_forwarding_cursor")
public class ForwardingCursor {

    static final int SINGLETON = 1;
    static final int MAX_ERROR = 1000;
    /** Back-off after failures: 5 s, 10 s, 20 s, ... never more than 5 minutes between attempts. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    @Id
    private int id;

    @Column(name = "last_forwarded", nullable = false)
    private long lastForwarded;

    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;

    @Column(name = "claim_token", length = 36)
    private String claimToken;

    /** The server process holding the claim ({@link org.ams.platform.ServerInstance#process()}). */
    @Column(name = "claimed_by", length = 80)
    private String claimedBy;

    @Column(nullable = false)
    private int failures;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    @Column(name = "last_success_at")
    private OffsetDateTime lastSuccessAt;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    @Column(name = "last_error_at")
    private OffsetDateTime lastErrorAt;

    protected ForwardingCursor() {
    }

    /**
     * Forwarding (re)starts after the given record: whatever came before was not meant for the receiver. Waiting
     * after failures ends, so a corrected destination is tried at once.
     */
    void startAfter(long sequence) {
        this.lastForwarded = sequence;
        retryNow();
    }

    void retryNow() {
        this.failures = 0;
        this.nextAttemptAt = null;
    }

    boolean claimedBy(String token) {
        return token.equals(claimToken);
    }

    /** Never backwards: the cursor may have been moved on meanwhile by forwarding being switched off and on. */
    void forwarded(long sequence, OffsetDateTime now) {
        this.lastForwarded = Math.max(lastForwarded, sequence);
        this.lastSuccessAt = now;
        this.failures = 0;
        this.nextAttemptAt = null;
    }

    void failed(String error, OffsetDateTime now) {
        this.failures++;
        error = error == null ? "unknown error" : error;
        this.lastError = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        this.lastErrorAt = now;
        this.nextAttemptAt = now.plus(delayAfter(failures));
    }

    void leaseUntil(OffsetDateTime until) {
        this.claimedUntil = until;
    }

    void release() {
        this.claimedUntil = null;
        this.claimToken = null;
        this.claimedBy = null;
    }

    /** The wait after the given number of failures in a row (1 for the first). */
    static Duration delayAfter(int failures) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 16));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    public long getLastForwarded() {
        return lastForwarded;
    }

    public int getFailures() {
        return failures;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime getLastSuccessAt() {
        return lastSuccessAt;
    }

    public String getLastError() {
        return lastError;
    }

    public OffsetDateTime getLastErrorAt() {
        return lastErrorAt;
    }
}
