package org.ams.access;

import org.ams.security.RoleNames;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.ams.identity.Role;

/**
 * The rows access requests lock to count one after the other per user and per client address ({@link RateLimitLock}).
 * <p>
 * The lock is held by the request's own transaction until it commits, after its audit record is written: a parallel
 * request of the same user (or from the same address) waits at {@link #lock}, then counts the committed record. The
 * user's row is always locked before the address's, so two requests never wait for each other in a circle.
 */
@Stateless
@RolesAllowed({RoleNames.HELPDESK, RoleNames.SELF_SERVICE})
public class RateLimitLocks {

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    /** Locks the row in the caller's transaction ({@code SELECT ... FOR UPDATE}), making it first if it is missing. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void lock(String subject) {
        if (em.find(RateLimitLock.class, subject, LockModeType.PESSIMISTIC_WRITE) == null) {
            // Through the container, so that the insert gets its transaction of its own.
            context.getBusinessObject(RateLimitLocks.class).create(subject);
            if (em.find(RateLimitLock.class, subject, LockModeType.PESSIMISTIC_WRITE) == null) {
                throw new IllegalStateException("The rate limit row could not be made");
            }
        }
    }

    /**
     * Inserts the row in a transaction of its own, committed before the caller locks it, so that the first requests
     * of a new user or address meet at one row. Two servers inserting it at once is harmless: the second insert does
     * nothing.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(String subject) {
        em.createNativeQuery("INSERT INTO access_rate_limit_lock (subject, created_at) VALUES (?1, "
                        + "CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING")
                .setParameter(1, subject)
                .executeUpdate();
    }
}
