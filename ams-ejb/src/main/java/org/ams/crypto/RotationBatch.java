package org.ams.crypto;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ams.audit.AuditTrail;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * One batch of a rotation, in its own transaction: the batch's secrets get their new envelopes and the rotation its
 * new cursor together, or neither does. Until the batch commits, readers see the old envelope with the old
 * certificate, which still opens it; so no secret is unreadable at any moment.
 * <p>
 * Several servers on one database: a rotation is worked on by the server that holds its claim (a token and a lease
 * in its row, as the notification outbox and audit forwarding claim their work). The activating server holds it from
 * the start and extends the lease with every batch; a server that stops or dies leaves a lease that runs out, and the
 * next server's check ({@link RotationResumption}) takes the rotation over where its committed cursor stands.
 */
@Stateless
// Any caller: RotationRunner's worker runs it, on the executor after an activation or at start-up with no caller;
// it only carries on a rotation an administrator's activation recorded.
@PermitAll
public class RotationBatch {

    private static final Logger LOG = Logger.getLogger(RotationBatch.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CertificateKeys keys;

    @EJB
    private AuditTrail audit;

    @Inject
    private Event<RotationFinished> finishedEvent;

    /** A lease outlasts one batch and the pause after it with room to spare. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** What the worker does after a batch. */
    public enum Step {
        /** More secrets are left: pause, then the next batch. */
        MORE,
        /** Nothing is left, or the rotation no longer runs (finished, superseded): stop. */
        DONE,
        /** Another server holds the rotation now (this server's lease had run out): stop, it carries on. */
        TAKEN_OVER
    }

    /**
     * How long a claim holds: 30 seconds plus twice the configured pause between batches, so a worker that pauses
     * keeps its rotation, and one that is gone hands it over within that time and the next check.
     */
    public static Duration lease(long pauseMillis) {
        return LEASE.plusMillis(2 * pauseMillis);
    }

    /** Rotations with work left that no server holds: never claimed, released, or whose lease ran out. */
    public List<UUID> unclaimed() {
        return em.createQuery("SELECT r.id FROM CertificateRotation r WHERE r.state = :running"
                        + " AND (r.claimedUntil IS NULL OR r.claimedUntil < :now)", UUID.class)
                .setParameter("running", CertificateRotation.State.RUNNING)
                .setParameter("now", now())
                .getResultList();
    }

    /**
     * Claims a rotation no server holds, for this server's worker, and records that it resumes. One conditional
     * UPDATE: of several servers asking at once, exactly one gets it.
     *
     * @return the claim's token, empty when another server holds the rotation or it no longer runs
     */
    public Optional<String> claim(UUID rotationId, Duration lease) {
        OffsetDateTime now = now();
        String token = UUID.randomUUID().toString();
        int claimed = em.createQuery("UPDATE CertificateRotation r SET r.claimedUntil = :until, r.claimToken = :token,"
                        + " r.version = r.version + 1 WHERE r.id = :id AND r.state = :running"
                        + " AND (r.claimedUntil IS NULL OR r.claimedUntil < :now)")
                .setParameter("until", now.plus(lease))
                .setParameter("token", token)
                .setParameter("id", rotationId)
                .setParameter("running", CertificateRotation.State.RUNNING)
                .setParameter("now", now)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        CertificateRotation rotation = em.find(CertificateRotation.class, rotationId);
        em.refresh(rotation);
        audit.record("rotation.resumed", EncryptionCertificateService.TARGET_TYPE,
                rotation.getTarget().getId().toString(), rotation.getTarget().getSubject(),
                rotation.getRewrapped() + " of " + rotation.getTotal() + " secret(s) were already re-encrypted");
        return Optional.of(token);
    }

    /**
     * Re-wraps up to {@code size} secrets after the rotation's cursor, if {@code token} still holds the rotation; the
     * claim is extended by {@code lease} with the batch.
     */
    public Step rewrapNext(UUID rotationId, String token, Duration lease, int size) {
        CertificateRotation rotation = em.find(CertificateRotation.class, rotationId);
        if (rotation == null || !rotation.isRunning()) {
            return Step.DONE;
        }
        if (!rotation.claimedBy(token)) {
            return Step.TAKEN_OVER;
        }
        rotation.leaseUntil(now().plus(lease));
        EncryptionCertificate target = rotation.getTarget();
        TypedQuery<SealedSecret> query = rotation.getCursor() == null
                ? em.createQuery("SELECT s FROM SealedSecret s WHERE s.certificate <> :target ORDER BY s.id", SealedSecret.class)
                : em.createQuery("SELECT s FROM SealedSecret s WHERE s.certificate <> :target AND s.id > :cursor "
                        + "ORDER BY s.id", SealedSecret.class).setParameter("cursor", rotation.getCursor());
        List<SealedSecret> secrets = query.setParameter("target", target).setMaxResults(size).getResultList();
        if (secrets.isEmpty()) {
            long remaining = em.createQuery("SELECT COUNT(s) FROM SealedSecret s WHERE s.certificate <> :target", Long.class)
                    .setParameter("target", target).getSingleResult();
            boolean finished = rotation.endOfPass(remaining);
            if (finished) {
                audit.record("rotation.finished", EncryptionCertificateService.TARGET_TYPE, target.getId().toString(),
                        target.getSubject(), rotation.getRewrapped() + " secret(s) re-encrypted"
                                + (remaining > 0 ? "; " + remaining + " could not be opened and stay sealed to their "
                                + "old certificate" : ""));
                finishedEvent.fire(new RotationFinished(rotationId));
            }
            return finished ? Step.DONE : Step.MORE;
        }
        int rewrapped = 0;
        int failed = 0;
        for (SealedSecret secret : secrets) {
            try {
                secret.resealed(keys.rewrap(secret, target), target);
                rewrapped++;
            } catch (EnvelopeException | CryptoException e) {
                failed++;
                LOG.warning("Rotation to " + target.getSubject() + ": the secret " + secret.getId()
                        + " could not be re-encrypted and stays sealed to " + secret.getCertificate().getSubject()
                        + " (" + e.getMessage() + ")");
            }
        }
        rotation.advance(secrets.get(secrets.size() - 1).getId(), rewrapped, failed);
        return Step.MORE;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
