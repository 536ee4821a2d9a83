package org.ams.crypto;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The re-encryption of every sealed secret to a newly activated certificate. Its progress, including the id of the
 * last secret handled ({@link #getCursor()}), is committed with every batch, so after a restart it goes on where it
 * stopped instead of starting again or leaving secrets behind.
 */
@Entity
@Table(name = "certificate_rotation")
@NamedQuery(name = CertificateRotation.RUNNING,
        query = "SELECT r FROM CertificateRotation r WHERE r.state = org.ams.crypto.CertificateRotation.State.RUNNING")
@NamedQuery(name = CertificateRotation.LATEST,
        query = "SELECT r FROM CertificateRotation r ORDER BY r.startedAt DESC")
public class CertificateRotation {

    static final String RUNNING = "CertificateRotation.running";
    static final String LATEST = "CertificateRotation.latest";

    /** Whether the rotation still has work to do. */
    public enum State {
        RUNNING,
        FINISHED,
        /** Replaced by a later rotation to another certificate before it finished; that one takes over its work. */
        SUPERSEDED
    }

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "target_certificate_id", nullable = false)
    private EncryptionCertificate target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    /** The id of the last secret handled, as text: EclipseLink 4.0 cannot read a NULL into a UUID attribute. */
    @Column(name = "cursor_id", length = 36)
    private String cursor;

    @Column(nullable = false)
    private int total;

    @Column(nullable = false)
    private int rewrapped;

    /** Secrets that could not be opened in the current pass; they stay sealed to their old certificate. */
    @Column(nullable = false)
    private int failed;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    /**
     * The lease of the server whose worker re-encrypts now: only the holder of {@link #claimToken} works on the
     * rotation until then; once it has run out (the server died or gave up), another server's check takes it over.
     */
    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;

    @Column(name = "claim_token", length = 36)
    private String claimToken;

    @Version
    private long version;

    protected CertificateRotation() {
    }

    CertificateRotation(EncryptionCertificate target, long secretsToRewrap) {
        this.id = UUID.randomUUID();
        this.target = target;
        this.state = State.RUNNING;
        this.total = (int) secretsToRewrap;
        this.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Claimed by the activating server's worker from the start, so no other server's check takes it first. */
    void claim(String token, OffsetDateTime until) {
        this.claimToken = token;
        this.claimedUntil = until;
    }

    boolean claimedBy(String token) {
        return token != null && token.equals(claimToken);
    }

    void leaseUntil(OffsetDateTime until) {
        this.claimedUntil = until;
    }

    void release() {
        this.claimToken = null;
        this.claimedUntil = null;
    }

    void advance(UUID lastHandled, int rewrappedNow, int failedNow) {
        cursor = lastHandled.toString();
        rewrapped += rewrappedNow;
        failed += failedNow;
    }

    /**
     * The end of one pass over the table. Secrets can arrive behind the cursor while a pass runs (an agent still
     * encrypting to the old certificate), so another pass starts while more remain than just failed.
     *
     * @return whether the rotation is finished
     */
    boolean endOfPass(long remaining) {
        if (remaining > failed) {
            cursor = null;
            total = Math.max(total, rewrapped + (int) remaining);
            failed = 0;
            return false;
        }
        state = State.FINISHED;
        finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        release();
        return true;
    }

    void supersede() {
        release();
        state = State.SUPERSEDED;
        finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public UUID getId() {
        return id;
    }

    public EncryptionCertificate getTarget() {
        return target;
    }

    public State getState() {
        return state;
    }

    UUID getCursor() {
        return cursor == null ? null : UUID.fromString(cursor);
    }

    public int getTotal() {
        return total;
    }

    public int getRewrapped() {
        return rewrapped;
    }

    public int getFailed() {
        return failed;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    /** 0 to 100; 100 once the rotation no longer runs. */
    public int getPercent() {
        return total == 0 || state != State.RUNNING ? 100 : (int) Math.min(100, (100L * rewrapped) / total);
    }
}
