package org.ams.crypto;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.ams.audit.AuditTrail;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * One batch of a rotation, in its own transaction: the batch's secrets get their new envelopes and the rotation its
 * new cursor together, or neither does. Until the batch commits, readers see the old envelope with the old
 * certificate, which still opens it; so no secret is unreadable at any moment.
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

    /**
     * Finds the rotations a previous run left with work to do, and records that they resume.
     *
     * @return their ids
     */
    public List<UUID> resumeUnfinished() {
        List<CertificateRotation> unfinished = em.createNamedQuery(CertificateRotation.RUNNING, CertificateRotation.class)
                .getResultList();
        for (CertificateRotation rotation : unfinished) {
            audit.record("rotation.resumed", EncryptionCertificateService.TARGET_TYPE,
                    rotation.getTarget().getId().toString(), rotation.getTarget().getSubject(),
                    rotation.getRewrapped() + " of " + rotation.getTotal() + " secret(s) were already re-encrypted");
        }
        return unfinished.stream().map(CertificateRotation::getId).toList();
    }

    /**
     * Re-wraps up to {@code size} secrets after the rotation's cursor.
     *
     * @return whether the rotation is finished (or no longer running)
     */
    public boolean rewrapNext(UUID rotationId, int size) {
        CertificateRotation rotation = em.find(CertificateRotation.class, rotationId);
        if (rotation == null || !rotation.isRunning()) {
            return true;
        }
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
            return finished;
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
        return false;
    }
}
