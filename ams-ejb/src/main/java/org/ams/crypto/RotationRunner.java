package org.ams.crypto;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.AmsSettings;

/**
 * Runs rotations in the background, one batch transaction after another, on the server's managed executor. A
 * rotation whose worker stops (a restart, a database outage) keeps its committed progress and is resumed by
 * {@link RotationResumption} at the next start.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Any caller: started after an administrator's activation commits, and at start-up (no caller) to resume; it
// only carries on rotations an activation recorded.
@PermitAll
public class RotationRunner {

    static final int BATCH_SIZE = 50;
    /**
     * Milliseconds to wait between batches (default 0): spares a database or HSM shared with other work while a
     * rotation re-encrypts many secrets. Read before every batch, so a change in {@code ams.properties} applies at once.
     */
    public static final String PAUSE_SETTING = "ams.rotation.pause-ms";
    private static final long MAX_PAUSE_MS = 60_000;
    /** Consecutive failed batches (e.g. the database is gone) after which the worker waits for the next start. */
    private static final int MAX_CONSECUTIVE_FAILURES = 5;
    private static final Logger LOG = Logger.getLogger(RotationRunner.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private RotationBatch batch;

    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Starts the work once the activation that created the rotation has committed. */
    public void onStarted(@Observes(during = TransactionPhase.AFTER_SUCCESS) RotationStarted started) {
        start(started.rotationId());
    }

    /** Resumes every rotation that has work left. */
    public void resumeUnfinished() {
        batch.resumeUnfinished().forEach(id -> {
            LOG.info("Resuming the re-encryption of stored secrets (rotation " + id + ").");
            start(id);
        });
    }

    private void start(UUID rotationId) {
        if (!stopping && running.add(rotationId)) {
            executor.submit(() -> run(rotationId));
        }
    }

    private void run(UUID rotationId) {
        int failures = 0;
        try {
            while (!stopping) {
                try {
                    if (batch.rewrapNext(rotationId, BATCH_SIZE)) {
                        LOG.info("Rotation " + rotationId + " finished.");
                        return;
                    }
                    failures = 0;
                    if (!pauseBetweenBatches()) {
                        return; // interrupted: the executor is shutting down; the next start resumes the rotation
                    }
                } catch (RuntimeException e) {
                    // A batch that failed rolled back as a whole: its secrets still have their old, readable envelopes.
                    if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                        LOG.log(Level.WARNING, "Rotation " + rotationId + " paused after " + failures
                                + " failed batches; it resumes at the next start.", e);
                        return;
                    }
                    LOG.log(Level.FINE, "Rotation batch failed; retrying", e);
                }
            }
        } finally {
            running.remove(rotationId);
        }
    }

    /**
     * The pause between batches as configured now ({@value #PAUSE_SETTING}); other background work over every
     * secret (the escrow verification) paces itself by it too, so one setting spares the database and the HSM.
     */
    public static long configuredPauseMillis() {
        return pauseMillis(AmsSettings.current().find(PAUSE_SETTING).orElse(null));
    }

    /** @return false if the worker was interrupted while waiting */
    private boolean pauseBetweenBatches() {
        long pause = configuredPauseMillis();
        long until = System.nanoTime() + pause * 1_000_000;
        try {
            // In short steps, so a server that is stopping is not held up by a long pause.
            while (!stopping && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** @return the configured pause, 0 when unset; a value that is not a number of 0 to 60000 is reported and ignored */
    static long pauseMillis(String configured) {
        if (configured == null) {
            return 0;
        }
        try {
            long pause = Long.parseLong(configured);
            if (pause >= 0 && pause <= MAX_PAUSE_MS) {
                return pause;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warning(() -> "The setting " + PAUSE_SETTING + " is '" + configured + "'; it must be a number of milliseconds from 0 to "
                + MAX_PAUSE_MS + ". Rotating without a pause.");
        return 0;
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
