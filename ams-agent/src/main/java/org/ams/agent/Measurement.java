package org.ams.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * What {@code simulate} measured of one kind of operation: how many succeeded and failed, the wall time they took
 * together and each one's duration, printed as throughput and p50/p99.
 *
 * @param elapsedNanos the wall time the throughput is counted over
 * @param nanos        each operation's duration; a failed one counts with the time it took to fail
 */
record Measurement(int count, int failures, String firstFailure, long elapsedNanos, long[] nanos) {

    /** One operation of a measured batch, by its index in the batch. */
    @FunctionalInterface
    interface Operation {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} operations on {@code pool}, each timed, and waits for all of them. */
    static Measurement of(ExecutorService pool, int count, Operation operation) throws InterruptedException {
        long[] nanos = new long[count];
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                try {
                    operation.run(index);
                } finally {
                    nanos[index] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        int failures = 0;
        String firstFailure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = e.getCause().getMessage();
                }
            }
        }
        return new Measurement(count, failures, firstFailure, System.nanoTime() - started, nanos);
    }

    /** Successful operations per second of wall time. */
    double throughput() {
        return elapsedNanos == 0 ? 0 : (count - failures) / (elapsedNanos / 1e9);
    }

    String report(String operation) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-32s %6d ok %4d failed  %8.1f/s  p50 %6.1f ms  p99 %6.1f ms%s", operation,
                count - failures, failures, throughput(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                firstFailure == null ? "" : "  (first failure: " + firstFailure + ")");
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }
}
