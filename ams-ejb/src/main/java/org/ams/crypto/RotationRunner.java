package org.ams.crypto;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.PauseSetting;

/**
 * Runs rotations in the background, one batch transaction after another, on the server's managed executor, each
 * under its claim ({@link RotationBatch}). A rotation whose worker stops (a restart, a database outage, a server that
 * died) keeps its committed progress and is resumed by {@link RotationResumption}'s check, on this server or another.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No transaction of its own: each claim and batch commits on its own, before the worker that relies on it starts.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Any caller: started after an administrator's activation commits, and by the resumption check (no caller); it
// only carries on rotations an activation recorded.
@PermitAll
public class RotationRunner {

    static final int BATCH_SIZE = 50;
    /**
     * Milliseconds to wait between batches (default 0): spares a database or HSM shared with other work while a
     * rotation re-encrypts many secrets. Read before every batch, so a change in {@code ams.properties} applies at once.
     */
    public static final String PAUSE_SETTING = "ams.rotation.pause-ms";
    /** {@value #PAUSE_SETTING}; other background work over every secret (the escrow verification) pauses by it too. */
    public static final PauseSetting PAUSE = new PauseSetting(PAUSE_SETTING, "Rotating without a pause.");
    /** Consecutive failed batches (e.g. the database is gone) after which the worker stops until its claim runs out. */
    private static final int MAX_CONSECUTIVE_FAILURES = 5;
    private static final Logger LOG = Logger.getLogger(RotationRunner.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private RotationBatch batch;

    /** The rotations this server's workers are working on (each under its claim). */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Starts the work once the activation that created (and claimed) the rotation has committed. */
    public void onStarted(@Observes(during = TransactionPhase.AFTER_SUCCESS) RotationStarted started) {
        if (!stopping && running.add(started.rotationId())) {
            executor.submit(() -> run(started.rotationId(), started.claimToken()));
        }
    }

    /**
     * Takes over every rotation with work left that no server holds: left by an earlier start of this server, by a
     * server that stopped, or by one whose lease ran out (it died, or gave up after failed batches).
     */
    public void resumeUnclaimed() {
        for (UUID id : batch.unclaimed()) {
            if (stopping || running.contains(id)) {
                continue;
            }
            Optional<String> claim = batch.claim(id, currentLease());
            if (claim.isEmpty()) {
                continue; // another server was quicker
            }
            if (running.add(id)) {
                LOG.info("Resuming the re-encryption of stored secrets (rotation " + id + ").");
                executor.submit(() -> run(id, claim.get()));
            }
        }
    }

    private void run(UUID rotationId, String claim) {
        int failures = 0;
        try {
            while (!stopping) {
                try {
                    RotationBatch.Step step = batch.rewrapNext(rotationId, claim, currentLease(), BATCH_SIZE);
                    if (step == RotationBatch.Step.DONE) {
                        LOG.info("Rotation " + rotationId + " finished.");
                        return;
                    }
                    if (step == RotationBatch.Step.TAKEN_OVER) {
                        LOG.info("Rotation " + rotationId + " is carried on by another server (this server's claim "
                                + "had run out).");
                        return;
                    }
                    failures = 0;
                    if (!PAUSE.pause(() -> stopping)) {
                        // Stopping, or interrupted (the executor is shutting down); the claim is given back in stop().
                        return;
                    }
                } catch (RuntimeException e) {
                    // A batch that failed rolled back as a whole: its secrets still have their old, readable envelopes.
                    if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                        LOG.log(Level.WARNING, "Rotation " + rotationId + " paused after " + failures
                                + " failed batches; this or another server resumes it once its claim runs out ("
                                + currentLease().toSeconds() + " s).", e);
                        return;
                    }
                    LOG.log(Level.FINE, "Rotation batch failed; retrying", e);
                }
            }
        } finally {
            running.remove(rotationId);
        }
    }

    private static Duration currentLease() {
        return RotationBatch.lease(configuredPauseMillis());
    }

    /** The pause between batches as configured now ({@value #PAUSE_SETTING}). */
    public static long configuredPauseMillis() {
        return PAUSE.currentMillis();
    }

    /**
     * Stops taking new batches. The claims this server's workers hold are left to run out (30 s plus twice the pause):
     * calling into the database while the application is being stopped held the server's shutdown up.
     */
    @PreDestroy
    void stop() {
        stopping = true;
    }
}
