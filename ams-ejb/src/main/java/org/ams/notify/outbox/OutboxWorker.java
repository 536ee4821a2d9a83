package org.ams.notify.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.NotificationException;
import org.ams.platform.CoalescingRunner.Next;
import org.ams.platform.CoalescingRunner;
import org.ams.platform.DatabaseMigration;
import org.ams.platform.MasterKey;
import org.ams.platform.WorkerThreads;

/**
 * Delivers what waits in the outbox: every few seconds, and right after a transaction that queued something commits.
 * One pass at a time per server (a wake-up during a pass asks for another pass); several servers share the work
 * through {@link Outbox}'s claims. Starts with the application, so queued notifications left by a stopped server are
 * delivered after a restart without anyone asking.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Any caller: woken by every commit that filled the outbox, whoever made it; it only schedules delivery.
@PermitAll
public class OutboxWorker {

    static final int INTERVAL_SECONDS = 5;
    private static final int BATCH = 20;
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());

    /** Deliveries run on a thread of this worker's own ({@link WorkerThreads}: not behind other background work). */
    @Resource
    private ManagedThreadFactory threads;

    private ScheduledExecutorService scheduler;

    @EJB
    private DatabaseMigration migration;

    @EJB
    private Outbox outbox;

    private final CoalescingRunner delivering = new CoalescingRunner(this::deliverDue, e -> LOG.log(Level.WARNING,
            "Could not read the notification outbox; trying again in " + INTERVAL_SECONDS + " s", e));
    private volatile ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        scheduler = WorkerThreads.scheduler(threads, "notifications", 1);
        ticks = scheduler.scheduleWithFixedDelay(delivering::run, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** After a commit that queued notifications: deliver them now rather than at the next tick. */
    public void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxFilled event) {
        try {
            scheduler.execute(delivering::run);
        } catch (RejectedExecutionException e) {
            // Stopping; the next start delivers what is queued.
        }
    }

    /** One pass: claims a batch of due entries and delivers them; a full batch asks for another pass. */
    private Next deliverDue() {
        if (!migration.state().ready()) {
            return Next.STOP;
        }
        List<Outbox.Claim> claims = outbox.claimDue(BATCH);
        claims.forEach(this::deliver);
        return claims.size() == BATCH ? Next.MORE : Next.DONE;
    }

    private void deliver(Outbox.Claim claim) {
        Optional<Outbox.PreparedDelivery> prepared;
        try {
            prepared = outbox.prepare(claim);
        } catch (RuntimeException e) {
            // E.g. a sealed credential that no longer opens (master key replaced): counts as a failed attempt.
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.WARNING, "Notification " + claim.entryId() + " could not be prepared: "
                    + cause.getClass().getName());
            outbox.record(claim, null, "AMS could not prepare the message: " + describe(cause));
            return;
        }
        if (prepared.isEmpty()) {
            return;
        }
        Outbox.PreparedDelivery delivery = prepared.get();
        try {
            String outcome = delivery.channel().send(delivery.notification());
            outbox.record(claim, outcome, null);
        } catch (DeliveryFailedException e) {
            outbox.record(claim, null, e.getMessage());
        } catch (RuntimeException e) {
            // A failure inside the mail or HTTP library: an attempt like any other, so the back-off still applies.
            LOG.log(Level.WARNING, "Notification " + claim.entryId() + " failed unexpectedly: " + e.getClass().getName());
            outbox.record(claim, null, "Sending failed unexpectedly: " + e.getClass().getSimpleName());
        }
    }

    /** Only messages AMS wrote itself are repeated: they are known to hold no credential. */
    private static String describe(Throwable cause) {
        return cause instanceof NotificationException || cause instanceof MasterKey.MasterKeyException
                ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> pending = ticks;
        if (pending != null) {
            pending.cancel(false);
        }
        WorkerThreads.stop(scheduler);
    }
}
