package org.ams.platform;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of a background worker's own, made by the application server's managed thread factory (so they run with
 * the application's naming context and class loader, and with no caller).
 * <p>
 * Why not the server's default managed scheduled executor: with no core size set (Payara's default) it runs one task
 * at a time for the whole application. A notification to a webhook that does not answer held that one thread for its
 * 20-second time-out per delivery, and audit forwarding, the other deliveries and the database retry waited behind
 * it; the syslog sender's write time-out, scheduled on the same thread, could not fire while the write it guards held
 * it.
 */
public final class WorkerThreads {

    private WorkerThreads() {
    }

    /**
     * A scheduler with {@code threads} threads named {@code ams-<name>-<n>}; cancelled ticks are removed at once and
     * nothing delayed runs after {@link #stop}.
     */
    public static ScheduledExecutorService scheduler(ThreadFactory managed, String name, int threads) {
        AtomicInteger made = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, task -> {
            Thread thread = managed.newThread(task);
            thread.setName("ams-" + name + "-" + made.incrementAndGet());
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return pool;
    }

    /**
     * Stops the scheduler as the application stops: nothing new starts, and work under way is interrupted (what it
     * leaves unfinished is claimed in the database and taken back by the next start, see {@link ServerInstance}).
     */
    public static void stop(ScheduledExecutorService scheduler) {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
