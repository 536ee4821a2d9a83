package org.ams.audit;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.ams.security.RoleNames;

/**
 * Records audited actions. The record joins the caller's transaction and refuses to run without one, so the action
 * and its record commit or roll back together: an action whose record cannot be written does not happen.
 * <p>
 * Each record is appended to the hash chain (see {@link AuditDigest}) under a lock on the chain's head, which is
 * held until the caller's transaction ends. Concurrent transactions therefore append one after the other and the
 * chain never forks; a caller should record at the end of its work so that the lock is held briefly.
 * <p>
 * <strong>A recovery password, or any other secret, must never be passed to this class</strong> in any field: audit
 * records are shown to auditors, exported and kept forever.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class AuditTrail {

    public static final String SYSTEM = "system";

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private AuditChain chain;

    @Inject
    private Event<AuditRecorded> recorded;

    @Inject
    private Instance<AuditOrigin> origin;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * @param action     what happened, a stable verb such as {@code certificate.generated}
     * @param targetType the kind of object, e.g. {@code EncryptionCertificate}
     * @param targetId   its id
     * @param targetName how a person recognises it (subject, device name, ...)
     * @param details    free text for a person; never a secret
     */
    // Any caller: the action being recorded has been allowed by its own bean (agents and start-up jobs have no
    // caller); the record can only join that action's transaction.
    @PermitAll
    public AuditEvent record(String action, String targetType, String targetId, String targetName, String details) {
        return record(AuditEntry.builder(action, targetType).target(targetId, targetName).details(details).build());
    }

    /**
     * Appends an entry with the optional fields access requests need (client address, reason, result code,
     * permission, matched rule, notification channels). Never a secret in any of them.
     */
    // Any caller, as above.
    @PermitAll
    public AuditEvent record(AuditEntry entry) {
        AuditChainHead head = chain.lockedHead();
        // The time is taken under the lock, so that time never goes backwards along the chain on one server.
        AuditEvent event = new AuditEvent(head.getLastSequence() + 1, head.nextPreviousHash(),
                OffsetDateTime.now(ZoneOffset.UTC), currentActor(), withOrigin(entry));
        em.persist(event);
        head.advance(event);
        recorded.fire(new AuditRecorded(event.getSequence(), event.getAction(), event.getResultCode()));
        return event;
    }

    /** The newest events first, for pages and tests. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @RolesAllowed({RoleNames.AUDITOR, RoleNames.ADMINISTRATOR})
    public List<AuditEvent> latest(int max) {
        return em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.sequence DESC", AuditEvent.class)
                .setMaxResults(max)
                .getResultList();
    }

    /** The entry with the request's origin (an API token) added to its details, where there is one. */
    private AuditEntry withOrigin(AuditEntry entry) {
        String note;
        AuditOrigin requestOrigin;
        try {
            requestOrigin = origin.get();
            note = requestOrigin.note();
        } catch (ContextNotActiveException e) {
            // Start-up work runs outside any request: it has no origin to name.
            return entry;
        }
        if (note == null) {
            return entry;
        }
        // The web tier records a token's call itself unless the call's own records made it to the chain.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    requestOrigin.recordCommitted();
                }
            }
        });
        String details = entry.details() == null ? note : entry.details() + "; " + note;
        if (details.length() > AuditEvent.MAX_DETAILS) {
            // The origin is kept whole: it is what tells a script's call apart.
            details = entry.details().substring(0, AuditEvent.MAX_DETAILS - note.length() - 5) + "...; " + note;
        }
        return new AuditEntry(entry.action(), entry.targetType(), entry.targetId(), entry.targetName(), details,
                entry.clientAddress(), entry.reason(), entry.resultCode(), entry.permission(), entry.ruleId(),
                entry.ruleDescription(), entry.notificationChannels());
    }

    private String currentActor() {
        Principal caller = context.getCallerPrincipal();
        // The container's name for no caller: "ANONYMOUS" on Payara and GlassFish, "anonymous" on WildFly.
        return caller == null || caller.getName() == null || caller.getName().equalsIgnoreCase("ANONYMOUS")
                ? SYSTEM : caller.getName();
    }
}
