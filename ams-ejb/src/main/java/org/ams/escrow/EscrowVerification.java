package org.ams.escrow;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.crypto.RotationFinished;
import org.ams.crypto.RotationRunner;
import org.ams.platform.CoalescingRunner;
import org.ams.platform.DatabaseMigration;
import org.ams.platform.HoursSetting;
import org.ams.platform.PauseSetting;
import org.ams.security.RoleNames;

/**
 * Checks that the server can still open every escrowed recovery password, before someone needs one: a lost or
 * replaced private key, a damaged row or a rotation that left a secret behind would otherwise only show when a
 * locked-out user calls. Each key's sealed secret is opened inside the vault (the password never leaves it) and the
 * verdict is recorded per key; when any is unreadable at the end, the audit log says which.
 * <p>
 * Runs when the last run finished more than {@value #INTERVAL_SETTING} hours ago (default
 * {@value #DEFAULT_INTERVAL_HOURS}; looked at every hour), after every certificate rotation finishes, and on an
 * administrator's Verify now. Batches of {@value #BATCH_SIZE} keys, each its own transaction, paced by
 * {@value RotationRunner#PAUSE_SETTING} like the rotation itself. Several nodes sharing one database run it once:
 * each run first claims the one {@code escrow_verification} row ({@link EscrowVerificationBatch#claim}).
 * <p>
 * A run that finds unreadable keys records it in the audit log and raises {@link
 * org.ams.notify.SystemAlert#UNREADABLE_SECRETS} to the channels that take system alerts, at every run until none is.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The batches are the transactions: a run must not hold one across the whole database.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class EscrowVerification {

    /** Audit action of a verification that found unreadable keys. */
    public static final String FAILED = "escrow.verification-failed";
    /** Hours between scheduled runs (1 to 8760), read at every hourly look. */
    public static final String INTERVAL_SETTING = "ams.escrow.verification-interval-hours";
    static final int DEFAULT_INTERVAL_HOURS = 24;
    private static final HoursSetting INTERVAL = new HoursSetting(INTERVAL_SETTING, DEFAULT_INTERVAL_HOURS, 24 * 365,
            "Verifying every");
    static final int BATCH_SIZE = 50;
    /** Far longer than a batch of decryptions and the longest pause take; extended at every batch. */
    static final Duration LEASE = Duration.ofMinutes(10);
    /** How long a run after a rotation waits before trying again to claim a run another one holds. */
    private static final long CLAIM_RETRY_MS = 3_000;
    private static final Logger LOG = Logger.getLogger(EscrowVerification.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private DatabaseMigration migration;

    @EJB
    private EscrowVerificationBatch batch;

    /** Rotations finishing close together ask for one more run, not one each. */
    private final CoalescingRunner afterRotations = new CoalescingRunner(this::runAfterRotation,
            e -> LOG.log(Level.WARNING, "Escrow verification after a certificate rotation failed; the scheduled one "
                    + "tries again", e));

    private volatile boolean stopping;

    /** The hourly look: runs when the interval has passed since the last finished run (on whichever node). */
    @Schedule(minute = "41", hour = "*", persistent = false)
    void scheduled() {
        if (stopping || !migration.state().ready()) {
            return;
        }
        executor.execute(() -> {
            try {
                run(false);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Escrow verification failed; it is tried again within the hour", e);
            }
        });
    }

    /** After a certificate rotation committed its last batch: every secret has a new envelope, so check them all. */
    // Any caller: fired by the rotation's worker (no caller); it only schedules a verification.
    @PermitAll
    public void afterRotation(@Observes(during = TransactionPhase.AFTER_SUCCESS) RotationFinished finished) {
        if (!stopping) {
            executor.execute(afterRotations::run);
        }
    }

    /**
     * Verify now: runs the verification at once, in this call, whatever the schedule.
     *
     * @return what it found; {@code ran} is false when a run is already under way (here or on another node)
     */
    public VerificationOutcome verifyNow() {
        return run(true);
    }

    /**
     * A run that started before the rotation finished may have read old envelopes, so a run under way (here or on
     * another node) is waited for, then this one runs; for at most one claim's lease.
     */
    private CoalescingRunner.Next runAfterRotation() {
        long deadline = System.nanoTime() + LEASE.toNanos();
        while (!run(true).ran()) {
            if (System.nanoTime() > deadline || !PauseSetting.sleep(CLAIM_RETRY_MS, () -> stopping)) {
                LOG.warning("Escrow verification after a certificate rotation did not get to run; the scheduled one "
                        + "checks the new envelopes.");
                break;
            }
        }
        return CoalescingRunner.Next.DONE;
    }

    private VerificationOutcome run(boolean force) {
        Optional<String> claim = batch.claim(force, INTERVAL.current(), LEASE);
        if (claim.isEmpty()) {
            return VerificationOutcome.notRun();
        }
        String token = claim.get();
        boolean finished = false;
        try {
            long checked = 0;
            UUID after = null;
            while (true) {
                EscrowVerificationBatch.Batch next = batch.verifyNext(token, after, BATCH_SIZE, LEASE);
                if (!next.claimHeld()) {
                    LOG.warning("Escrow verification lost its claim to another node after " + checked + " key(s).");
                    return VerificationOutcome.notRun();
                }
                checked += next.checked();
                if (next.checked() < BATCH_SIZE) {
                    break;
                }
                after = next.lastKeyId();
                if (!RotationRunner.PAUSE.pause(() -> stopping)) {
                    return VerificationOutcome.notRun();
                }
            }
            VerificationOutcome outcome = batch.finish(token, checked);
            finished = outcome.ran();
            if (outcome.unreadable() > 0) {
                LOG.warning("Escrow verification: " + outcome.unreadable() + " escrowed key(s) cannot be opened; "
                        + "the audit log names them (" + FAILED + ").");
            } else {
                LOG.info("Escrow verification: all " + checked + " escrowed key(s) open.");
            }
            return outcome;
        } finally {
            if (!finished) {
                release(token);
            }
        }
    }

    private void release(String token) {
        try {
            batch.release(token);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not give the escrow verification claim back; it runs out by itself", e);
        }
    }

    /** @return the configured interval; a value that is not a number of 1 to 8760 hours is reported and ignored */
    static Duration interval(String configured) {
        return INTERVAL.parse(configured);
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
