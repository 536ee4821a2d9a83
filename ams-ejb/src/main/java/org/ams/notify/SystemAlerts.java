package org.ams.notify;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.ams.notify.channel.NotificationChannel;
import org.ams.notify.outbox.Outbox;

/**
 * Sends AMS's own alerts ({@link SystemAlert}) to every enabled channel an administrator chose for system alerts.
 * Always through the persistent outbox, never synchronously: an alert is raised by background work that has no one
 * to refuse. The rows join the caller's transaction, so an alert exists exactly when what it reports was recorded.
 */
@Stateless
// Any caller: raised by background work that runs with no caller (the overdue-rotation sweep, the escrow
// verification); it only queues messages, which hold no secret, to channels an administrator chose.
@PermitAll
public class SystemAlerts {

    /** How many computers an alert names; the rest are counted. */
    static final int NAMED_COMPUTERS = 20;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private Outbox outbox;

    /**
     * Queues the alert for each enabled channel that takes system alerts.
     *
     * @param summary   what happened, in one sentence
     * @param computers the computers concerned, in the order the alert names them (may be empty)
     * @return the outbox entries written; none when no channel takes system alerts
     */
    public List<UUID> raise(SystemAlert alert, String summary, List<String> computers) {
        Objects.requireNonNull(alert, "alert");
        AccessNotification notification = AccessNotification.alert(alert, summary, listed(computers), Instant.now(),
                "alert-" + UUID.randomUUID());
        return outbox.queue(em.createNamedQuery(NotificationChannel.ENABLED_SYSTEM_ALERTS, NotificationChannel.class)
                .getResultList(), notification);
    }

    /** "PC-1, PC-2 and 3 more": each name once, the first {@value #NAMED_COMPUTERS} named. */
    static String listed(List<String> computers) {
        List<String> distinct = computers.stream().distinct().toList();
        String named = String.join(", ", distinct.subList(0, Math.min(NAMED_COMPUTERS, distinct.size())));
        return distinct.size() > NAMED_COMPUTERS ? named + " and " + (distinct.size() - NAMED_COMPUTERS) + " more"
                : named;
    }
}
