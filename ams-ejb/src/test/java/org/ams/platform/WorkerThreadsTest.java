package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

    @Test
    @DisplayName("A task that blocks does not hold up the other threads' work; the threads are named for the worker")
    void blockedTaskDoesNotHoldUpTheOthers() throws Exception {
        ScheduledExecutorService scheduler = WorkerThreads.scheduler(Executors.defaultThreadFactory(), "test", 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Set<String> names = ConcurrentHashMap.newKeySet();
        try {
            scheduler.execute(() -> {
                names.add(Thread.currentThread().getName());
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            CountDownLatch ran = new CountDownLatch(1);
            scheduler.schedule(() -> {
                names.add(Thread.currentThread().getName());
                ran.countDown();
            }, 10, TimeUnit.MILLISECONDS);
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the second thread ran while the first was blocked");
            assertEquals(Set.of("ams-test-1", "ams-test-2"), names);
        } finally {
            release.countDown();
            WorkerThreads.stop(scheduler);
        }
    }

    @Test
    @DisplayName("Stopped: work under way is interrupted, nothing delayed runs, nothing new is taken")
    void stopInterruptsAndRefuses() throws Exception {
        ScheduledExecutorService scheduler = WorkerThreads.scheduler(Executors.defaultThreadFactory(), "test", 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch delayedRan = new CountDownLatch(1);
        scheduler.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        scheduler.schedule(delayedRan::countDown, 200, TimeUnit.MILLISECONDS);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        WorkerThreads.stop(scheduler);

        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        assertTrue(scheduler.isTerminated());
        assertEquals(1, delayedRan.getCount(), "the delayed task did not run");
        assertThrows(RejectedExecutionException.class, () -> scheduler.execute(() -> { }));
    }
}
