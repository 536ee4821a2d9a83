package org.ams.audit.forward;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.ams.audit.AuditTrail;
import org.ams.security.RoleNames;

/**
 * Settings / Audit forwarding: where audit records go, whether forwarding is on, how it is doing, and a test message.
 * Every change is itself recorded in the audit trail, and so forwarded too.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class AuditForwarding {

    private static final String AUDIT_TYPE = "AuditForwarding";
    private static final String AUDIT_NAME = "Audit forwarding";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private SessionContext context;

    public AuditForwardingSettings current() {
        return em.find(AuditForwardingSettings.class, AuditForwardingSettings.SINGLETON);
    }

    public ForwardingStatus status() {
        AuditForwardingSettings settings = current();
        ForwardingCursor cursor = em.find(ForwardingCursor.class, ForwardingCursor.SINGLETON);
        long last = lastSequence();
        return new ForwardingStatus(settings.isEnabled(), cursor.getLastForwarded(),
                settings.isEnabled() ? Math.max(0, last - cursor.getLastForwarded()) : 0, cursor.getLastSuccessAt(),
                cursor.getLastError(), cursor.getLastErrorAt(), cursor.getFailures(), cursor.getNextAttemptAt());
    }

    /**
     * Saves the destination and switches forwarding on or off. Switched on, forwarding starts with the record of this
     * change: older records are in the audit log and its export, and a SIEM that was not listening before is not
     * flooded with history. A changed destination is tried at once, without waiting out a back-off.
     *
     * @param expectedVersion the version the administrator's page was showing
     * @throws AuditForwardingException when someone else saved meanwhile; nothing is saved
     */
    public AuditForwardingSettings change(long expectedVersion, boolean enabled, SyslogTarget target) {
        if (target == null) {
            throw new AuditForwardingException("Enter the syslog receiver's host and port.");
        }
        AuditForwardingSettings settings = em.find(AuditForwardingSettings.class, AuditForwardingSettings.SINGLETON,
                LockModeType.PESSIMISTIC_WRITE);
        if (settings.getVersion() != expectedVersion) {
            throw new AuditForwardingException("These settings were changed by someone else since you opened the "
                    + "page. Reload it and make your change again.");
        }
        boolean switchedOn = enabled && !settings.isEnabled();
        settings.change(enabled, target);
        ForwardingCursor cursor = em.find(ForwardingCursor.class, ForwardingCursor.SINGLETON,
                LockModeType.PESSIMISTIC_WRITE);
        String start = "";
        if (switchedOn) {
            long last = lastSequence();
            cursor.startAfter(last);
            start = "; forwarding starts after record " + last;
        } else {
            cursor.retryNow();
        }
        em.flush();
        audit.record("settings.audit-forwarding-changed", AUDIT_TYPE, "1", AUDIT_NAME,
                (enabled ? "on, " : "off, ") + target.describe() + start);
        return settings;
    }

    /**
     * The newest record's number. Read with a query rather than from the chain's head entity, which would then sit
     * unlocked in this transaction's persistence context when the audit trail comes to lock it for the append.
     */
    private long lastSequence() {
        Long last = em.createQuery("SELECT MAX(e.sequence) FROM AuditEvent e", Long.class).getSingleResult();
        return last == null ? 0 : last;
    }

    /**
     * Sends a test message to the saved destination now, on or off, and says what happened.
     *
     * @throws AuditForwardingException with the reason it could not be sent
     */
    public String sendTest() {
        SyslogTarget target = current().target().orElseThrow(() -> new AuditForwardingException(
                "Save the syslog receiver's host and port first."));
        ForwardedRecord sample = new ForwardedRecord(0, null, OffsetDateTime.now(ZoneOffset.UTC),
                context.getCallerPrincipal().getName(), "audit-forwarding.test", AUDIT_TYPE, null, AUDIT_NAME,
                "Test message from AMS; not an audit record.", null, null, null, null, null, null, null);
        try {
            SyslogSender.to(target, scheduler).deliver(List.of(
                    SyslogMessage.of(sample, target.facility(), target.messageHostname(), target.appName())));
        } catch (IOException e) {
            throw new AuditForwardingException("The test message was not delivered: " + e.getMessage());
        }
        String outcome = target.transport() == SyslogTransport.UDP
                ? "sent to " + target.host() + ":" + target.port() + " over UDP (UDP cannot tell whether it arrived)"
                : "delivered to " + target.host() + ":" + target.port() + " over " + target.transport();
        audit.record("audit-forwarding.tested", AUDIT_TYPE, "1", AUDIT_NAME, "test message " + outcome);
        return "Test message " + outcome + ".";
    }
}
