package org.ams.audit.forward;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.audit.AuditRecorded;
import org.ams.platform.CoalescingRunner;
import org.ams.platform.CoalescingRunner.Next;
import org.ams.platform.DatabaseMigration;
import org.ams.platform.WorkerThreads;

/**
 * Forwards committed audit records to the syslog receiver: right after a transaction that appended records commits,
 * and every few seconds (which also retries after failures and picks up records of other servers). One pass at a
 * time per server; a wake-up during a pass asks for another. Starts with the application, so a backlog left by a
 * stopped server or an unreachable receiver is sent without anyone asking.
 * <p>
 * Runs outside every audited transaction: an audited action neither waits for the receiver nor fails with it.
 * Failures are logged with the receiver's address and the cause; a syslog message carries nothing secret (audit
 * records hold none), and none is ever logged.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Any caller: woken by every audited commit, whoever made it; it only schedules the forwarding job.
@PermitAll
public class AuditForwarder {

    static final int INTERVAL_SECONDS = 5;
    /** Records per connection; the cursor moves on after each batch. */
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(AuditForwarder.class.getName());

    /**
     * Threads of this worker's own ({@link WorkerThreads}): one for the pass, one free for the sender's write
     * time-out, which must fire while the pass's write blocks.
     */
    @Resource
    private ManagedThreadFactory threads;

    private ScheduledExecutorService scheduler;

    @EJB
    private DatabaseMigration migration;

    @EJB
    private ForwardingProgress progress;

    private final CoalescingRunner forwarding = new CoalescingRunner(this::forwardCommitted, e -> LOG.log(Level.WARNING,
            "Could not read the audit forwarding cursor; trying again in " + INTERVAL_SECONDS + " s", e));
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        scheduler = WorkerThreads.scheduler(threads, "audit-forwarding", 2);
        ticks = scheduler.scheduleWithFixedDelay(forwarding::run, INTERVAL_SECONDS, INTERVAL_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * After a commit that appended records: forward them now rather than at the next tick. A burst of commits queues
     * one pass, not one per record.
     */
    public void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditRecorded event) {
        if (!woken.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                woken.set(false);
                forwarding.run();
            });
        } catch (RejectedExecutionException e) {
            // Shutting down; the next start forwards what is left.
            woken.set(false);
        }
    }

    /** One pass: claims the cursor if nobody else holds it and forwards what is left. */
    private Next forwardCommitted() {
        if (!migration.state().ready()) {
            return Next.STOP;
        }
        Optional<ForwardingProgress.Claim> claim = progress.claim();
        if (claim.isEmpty()) {
            return Next.STOP;
        }
        forward(claim.get());
        return Next.DONE;
    }

    /** Sends batch after batch until nothing is left, moving the cursor after each one the receiver took. */
    private void forward(ForwardingProgress.Claim claim) {
        SyslogTarget target = claim.target();
        String hostname = target.messageHostname();
        SyslogSender sender = SyslogSender.to(target, scheduler);
        long after = claim.after();
        try {
            while (true) {
                List<ForwardedRecord> batch = progress.recordsAfter(after, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                sender.deliver(batch.stream()
                        .map(record -> SyslogMessage.of(record, target.facility(), hostname, target.appName()))
                        .toList());
                after = batch.get(batch.size() - 1).sequence();
                if (!progress.forwarded(claim.token(), after)) {
                    LOG.warning("Another server took over audit forwarding after record " + after);
                    return;
                }
                if (batch.size() < BATCH) {
                    break;
                }
            }
            progress.release(claim.token());
        } catch (IOException e) {
            LOG.warning("Forwarding audit records after record " + after + " failed, to be tried again: "
                    + e.getMessage());
            progress.failed(claim.token(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Forwarding audit records after record " + after + " failed unexpectedly", e);
            progress.failed(claim.token(), "Forwarding failed unexpectedly: " + e.getClass().getSimpleName());
        }
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
