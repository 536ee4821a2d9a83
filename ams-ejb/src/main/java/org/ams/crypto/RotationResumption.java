package org.ams.crypto;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.DatabaseMigration;

/**
 * At start-up, waits until the database is migrated (it may come up after the server) and then resumes every
 * rotation a previous run left unfinished. Lives in this component so that the platform knows nothing of it.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RotationResumption {

    private static final Logger LOG = Logger.getLogger(RotationResumption.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @EJB
    private DatabaseMigration migration;

    @EJB
    private RotationRunner runner;

    private volatile ScheduledFuture<?> check;
    private volatile boolean done;

    @PostConstruct
    void schedule() {
        check = scheduler.scheduleWithFixedDelay(this::resumeWhenReady, 1, 2, TimeUnit.SECONDS);
    }

    private void resumeWhenReady() {
        if (done || !migration.state().ready()) {
            return;
        }
        try {
            runner.resumeUnfinished();
            done = true;
            check.cancel(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for unfinished rotations yet; trying again", e);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> pending = check;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
