package org.ams.agent.escrow;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the service loop waits after a failed check-in: exponential from {@code initial}, capped at
 * {@code maximum}, with "equal jitter" (half the wait fixed, half random) so that a thousand agents that lost the server together
 * do not all return in the same second, yet none retries too eagerly.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration maximum;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration maximum, RandomGenerator random) {
        this.initial = initial;
        this.maximum = maximum;
        this.random = random;
    }

    /** The wait before the next attempt after one more failure. */
    public Duration nextDelay() {
        failures++;
        long ceiling = initial.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(ceiling, maximum.toMillis());
        return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
