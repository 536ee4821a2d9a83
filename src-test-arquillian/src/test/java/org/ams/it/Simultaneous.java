package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Calls made at the same moment, in the server: each in a thread of its own (so each in its own transaction, with the
 * caller's identity, as the container's thread factory carries it), released together once all are waiting.
 */
final class Simultaneous {

    private Simultaneous() {
    }

    /** Runs {@code count} calls at once and gives back their results in the order the threads were started. */
    static <T> List<T> run(ManagedThreadFactory threads, int count, Callable<T> call) throws Exception {
        CountDownLatch waiting = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<FutureTask<T>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FutureTask<T> task = new FutureTask<>(() -> {
                waiting.countDown();
                assertTrue(go.await(60, TimeUnit.SECONDS));
                return call.call();
            });
            tasks.add(task);
            threads.newThread(task).start();
        }
        assertTrue(waiting.await(60, TimeUnit.SECONDS), "every thread is waiting to go");
        go.countDown();
        List<T> results = new ArrayList<>();
        for (FutureTask<T> task : tasks) {
            results.add(task.get(120, TimeUnit.SECONDS));
        }
        return results;
    }
}
