package org.ams.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * The head of the hash chain, and the one-time chaining of records written before the chain existed.
 * <p>
 * Migration V9 numbered such records but could not hash them (the canonical encoding is not expressible in SQL alike
 * on H2 and PostgreSQL). They are hashed here, under the head's lock, before anything else is appended: at start-up
 * ({@link UnchainedRecordsAtStartup}), or else by the first append or verification, whichever comes first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
// Any caller: every audited action appends through it, whoever (or nothing) calls; it gives out hashes only.
@PermitAll
public class AuditChain {

    static final int BATCH = 500;
    private static final String TAMPERED_HEAD = "The audit chain's head has lost its last hash although audit records "
            + "are chained: the database was changed outside AMS. Audited actions are refused until the head is "
            + "restored (its last hash is the record_hash of the record with the highest sequence number).";
    private static final Logger LOG = Logger.getLogger(AuditChain.class.getName());

    @PersistenceContext
    private EntityManager em;

    /**
     * Locks the head in the caller's transaction (held until it commits or rolls back), chaining older records
     * first if there are any. Another transaction appending meanwhile waits here.
     */
    public AuditChainHead lockedHead() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("The audit chain head is missing; the database was not migrated by AMS");
        }
        if (head.awaitsChaining()) {
            if (!onlyUnchainedRecords(head)) {
                // Fail closed: appending now would bless whatever was changed.
                throw new IllegalStateException(TAMPERED_HEAD);
            }
            chainUnchained(head, false);
        }
        return head;
    }

    /** The head as committed now, without locking it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AuditChainHead head() {
        return em.find(AuditChainHead.class, AuditChainHead.ID);
    }

    /**
     * Hashes records written before the chain existed, in a transaction of its own; does nothing if there are none.
     *
     * @return {@code false} if the head has lost its last hash although records are already chained, which migration
     *         V9 never leaves behind: the database was changed outside AMS, and re-chaining would hide that
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean chainUnchainedRecords() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null || !head.awaitsChaining()) {
            return true;
        }
        if (!onlyUnchainedRecords(head)) {
            LOG.severe(TAMPERED_HEAD);
            return false;
        }
        chainUnchained(head, true);
        return true;
    }

    /** Whether no record up to the head has a hash yet: the state migration V9 leaves in an upgraded database. */
    private boolean onlyUnchainedRecords(AuditChainHead head) {
        return em.createQuery("SELECT COUNT(e) FROM AuditEvent e WHERE e.recordHash IS NOT NULL "
                        + "AND e.sequence <= :last", Long.class)
                .setParameter("last", head.getLastSequence())
                .getSingleResult() == 0;
    }

    /**
     * @param ownTransaction whether the whole persistence context may be cleared between batches (never in a
     *                       caller's transaction, whose own entities would be detached)
     */
    private void chainUnchained(AuditChainHead head, boolean ownTransaction) {
        long last = head.getLastSequence();
        String previous = AuditDigest.GENESIS;
        long after = 0;
        while (after < last) {
            List<AuditEvent> batch = em.createQuery("SELECT e FROM AuditEvent e WHERE e.sequence > :after "
                            + "AND e.sequence <= :last ORDER BY e.sequence", AuditEvent.class)
                    .setParameter("after", after)
                    .setParameter("last", last)
                    .setMaxResults(BATCH)
                    .getResultList();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent event : batch) {
                event.chainTo(previous);
                previous = event.getRecordHash();
                after = event.getSequence();
            }
            // Bounded memory however many records there are: written out and forgotten a batch at a time. In the
            // caller's transaction only these records are detached; its own entities stay managed.
            em.flush();
            if (ownTransaction) {
                em.clear();
            } else {
                batch.forEach(em::detach);
            }
        }
        AuditChainHead current = ownTransaction ? em.find(AuditChainHead.class, AuditChainHead.ID) : head;
        current.chained(previous);
        LOG.info(() -> "Chained the " + last + " audit records written before the audit log was a hash chain.");
    }
}
