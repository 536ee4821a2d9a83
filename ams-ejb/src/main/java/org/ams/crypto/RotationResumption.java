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
 * Once the database is migrated (it may come up after the server), resumes every rotation a previous run left
 * unfinished, and then looks again every {@value #CHECK_SECONDS} seconds for rotations no server holds any more: with
 * several servers on one database, a rotation whose server died is taken over within its lease and one check. Lives
 * in this component so that the platform knows nothing of it.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RotationResumption {

    static final long CHECK_SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(RotationResumption.class.getName());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @EJB
    private DatabaseMigration migration;

    @EJB
    private RotationRunner runner;

    private volatile ScheduledFuture<?> check;
    private volatile boolean steady;
    private volatile boolean failing;

    @PostConstruct
    void schedule() {
        check = scheduler.scheduleWithFixedDelay(this::resumeWhenReady, 1, 2, TimeUnit.SECONDS);
    }

    private synchronized void resumeWhenReady() {
        if (!migration.state().ready()) {
            return;
        }
        try {
            runner.resumeUnclaimed();
            failing = false;
        } catch (RuntimeException e) {
            // Once per outage: the check runs again and again while the database is away.
            LOG.log(failing ? Level.FINE : Level.WARNING, "Could not look for unfinished rotations; trying again", e);
            failing = true;
            return;
        }
        if (!steady) {
            steady = true;
            check.cancel(false);
            check = scheduler.scheduleWithFixedDelay(this::resumeWhenReady, CHECK_SECONDS, CHECK_SECONDS,
                    TimeUnit.SECONDS);
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
