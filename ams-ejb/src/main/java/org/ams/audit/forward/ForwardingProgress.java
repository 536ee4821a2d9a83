package org.ams.audit.forward;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditEvent;
import org.ams.platform.ServerInstance;

/**
 * The steps of forwarding, each a short transaction of its own: claim the cursor, read a batch, move the cursor on
 * (or record the failure), release. {@link AuditForwarder} sends between them, so no transaction or row lock is held
 * while the receiver takes its time, and no audited action ever waits for a receiver.
 * <p>
 * The cursor is claimed as {@code notify}'s outbox rows are: a conditional UPDATE sets a lease and a token, and only
 * one server's UPDATE can match. A server that dies mid-send leaves a lease that runs out; the next claim sends the
 * unconfirmed batch again. The claim names the server process ({@link ServerInstance}), so the same server started
 * again takes it back at once instead of waiting for the lease. At least once, never by two servers at the same time.
 */
@Stateless
// Any caller: the forwarding job (AuditForwarder) runs on threads of its own, with no caller.
@PermitAll
public class ForwardingProgress {

    /** Longer than a batch can take to send ({@link SyslogSender}'s time-outs). */
    static final Duration LEASE = Duration.ofMinutes(2);

    @PersistenceContext
    private EntityManager em;

    /** The cursor, this worker's until the lease runs out: send the records after {@code after} to {@code target}. */
    public record Claim(String token, long after, SyslogTarget target) {
    }

    /** Claims the cursor when forwarding is on, no other server holds it and no back-off is running. */
    public Optional<Claim> claim() {
        AuditForwardingSettings settings = em.find(AuditForwardingSettings.class, AuditForwardingSettings.SINGLETON);
        if (settings == null || !settings.isEnabled()) {
            return Optional.empty();
        }
        Optional<SyslogTarget> target = settings.target();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        String token = UUID.randomUUID().toString();
        int claimed = ServerInstance.bindProcess(em.createQuery("UPDATE ForwardingCursor c SET "
                        + "c.claimedUntil = :until, c.claimToken = :token, c.claimedBy = :thisProcess WHERE c.id = :id "
                        + "AND (c.claimedUntil IS NULL OR c.claimedUntil < :now OR "
                        + ServerInstance.leftByEarlierProcess("c") + ") "
                        + "AND (c.nextAttemptAt IS NULL OR c.nextAttemptAt <= :now)"))
                .setParameter("until", now.plus(LEASE))
                .setParameter("token", token)
                .setParameter("id", ForwardingCursor.SINGLETON)
                .setParameter("now", now)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        long after = em.createQuery("SELECT c.lastForwarded FROM ForwardingCursor c WHERE c.id = :id", Long.class)
                .setParameter("id", ForwardingCursor.SINGLETON)
                .getSingleResult();
        return Optional.of(new Claim(token, after, target.get()));
    }

    /** Up to {@code max} committed records after the given sequence number, in order. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ForwardedRecord> recordsAfter(long after, int max) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.sequence > :after ORDER BY e.sequence",
                        AuditEvent.class)
                .setParameter("after", after)
                .setMaxResults(max)
                .getResultList().stream().map(ForwardedRecord::of).toList();
    }

    /**
     * The receiver took every record up to {@code sequence}; the lease is extended for the next batch.
     *
     * @return {@code false} when the lease ran out and another server took the cursor over: stop sending
     */
    public boolean forwarded(String token, long sequence) {
        ForwardingCursor cursor = locked();
        if (!cursor.claimedBy(token)) {
            return false;
        }
        OffsetDateTime now = now();
        cursor.forwarded(sequence, now);
        cursor.leaseUntil(now.plus(LEASE));
        return true;
    }

    /** Sending failed: keep the cursor where it is, wait longer before the next attempt, release. */
    public void failed(String token, String error) {
        ForwardingCursor cursor = locked();
        if (cursor.claimedBy(token)) {
            cursor.failed(error, now());
            cursor.release();
        }
    }

    public void release(String token) {
        ForwardingCursor cursor = locked();
        if (cursor.claimedBy(token)) {
            cursor.release();
        }
    }

    private ForwardingCursor locked() {
        return em.find(ForwardingCursor.class, ForwardingCursor.SINGLETON, LockModeType.PESSIMISTIC_WRITE);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
