package org.ams.crypto;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
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

/**
 * Runs rotations in the background, one batch transaction after another, on the server's managed executor. A
 * rotation whose worker stops (a restart, a database outage) keeps its committed progress and is resumed by
 * {@link RotationResumption} at the next start.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RotationRunner {

    static final int BATCH_SIZE = 50;
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

    public boolean isWorking() {
        return !running.isEmpty();
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

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
