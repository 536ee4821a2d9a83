package org.ams.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ams.security.RoleNames;

/**
 * Verifies the audit chain: walks every record in sequence order, recomputes its hash and checks its link to the
 * record before, and reports the first broken link.
 * <p>
 * Runs outside any transaction, reading {@value AuditChain#BATCH} records at a time by sequence number, so its memory
 * use does not grow with the log and it never holds the chain's lock: appends go on while it runs. It checks the
 * chain up to the head it read when it started; later records are for the next verification.
 */
@Stateless
@RolesAllowed({RoleNames.AUDITOR, RoleNames.ADMINISTRATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditVerification {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditChain chain;

    public ChainVerification verify() {
        AuditChainHead head = chain.head();
        if (head.awaitsChaining()) {
            if (!chain.chainUnchainedRecords()) {
                return broken(ChainVerification.Status.HEAD_MISMATCH, head.getLastSequence(),
                        head.getLastSequence());
            }
            head = chain.head();
        }
        long last = head.getLastSequence();
        String previous = AuditDigest.GENESIS;
        long expected = 1;
        while (expected <= last) {
            List<AuditEvent> batch = em.createQuery("SELECT e FROM AuditEvent e WHERE e.sequence >= :from "
                            + "AND e.sequence <= :last ORDER BY e.sequence", AuditEvent.class)
                    .setParameter("from", expected)
                    .setParameter("last", last)
                    .setMaxResults(AuditChain.BATCH)
                    .getResultList();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent event : batch) {
                if (event.getSequence() != expected) {
                    return broken(ChainVerification.Status.MISSING, expected, last);
                }
                if (!previous.equals(event.getPreviousHash())) {
                    return broken(ChainVerification.Status.LINK_BROKEN, expected, last);
                }
                if (!event.hashMatches()) {
                    return broken(ChainVerification.Status.EDITED, expected, last);
                }
                previous = event.getRecordHash();
                expected++;
            }
        }
        if (expected <= last) {
            // The records run out before the number the head names: the newest ones were removed. Reported as the
            // head's mismatch, at the first number missing, because no later record is left to show a gap.
            return broken(ChainVerification.Status.HEAD_MISMATCH, expected, last);
        }
        String headHash = head.getLastHash() == null ? AuditDigest.GENESIS : head.getLastHash();
        if (!Objects.equals(previous, headHash)) {
            return broken(ChainVerification.Status.HEAD_MISMATCH, last, last);
        }
        return new ChainVerification(ChainVerification.Status.INTACT, last, last, previous, 0, Instant.now());
    }

    private static ChainVerification broken(ChainVerification.Status status, long at, long last) {
        return new ChainVerification(status, at - 1, last, null, at, Instant.now());
    }
}
