package org.ams.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.Principal;
import java.util.List;

/**
 * Records administrative actions. The record joins the caller's transaction and refuses to run without one, so the
 * action and its record commit or roll back together.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class AuditTrail {

    public static final String SYSTEM = "system";

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    /**
     * @param action     what happened, a stable verb such as {@code certificate.generated}
     * @param targetType the kind of object, e.g. {@code EncryptionCertificate}
     * @param targetId   its id
     * @param targetName how a person recognises it (subject, device name, ...)
     * @param details    free text for a person; never a secret
     */
    public AuditEvent record(String action, String targetType, String targetId, String targetName, String details) {
        AuditEvent event = new AuditEvent(currentActor(), action, targetType, targetId, targetName, details);
        em.persist(event);
        return event;
    }

    /** The newest events first, for pages and tests. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AuditEvent> latest(int max) {
        return em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.occurredAt DESC", AuditEvent.class)
                .setMaxResults(max)
                .getResultList();
    }

    private String currentActor() {
        Principal caller = context.getCallerPrincipal();
        return caller == null || caller.getName() == null || caller.getName().equals("ANONYMOUS")
                ? SYSTEM : caller.getName();
    }
}
