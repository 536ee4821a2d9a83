package org.ams.notify.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a notification whose delivery failed is tried again: after 30 s, 2 min, 10 min, 30 min, 1 h, 2 h and then
 * every 4 h, for at most {@value #MAX_ATTEMPTS} attempts and never later than {@link #MAX_AGE} after it was queued.
 * Short first steps ride out a mail server restart; long later ones do not hammer a receiver that is down for good.
 */
final class RetrySchedule {

    public static final int MAX_ATTEMPTS = 12;
    public static final Duration MAX_AGE = Duration.ofHours(24);
    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4));

    private RetrySchedule() {
    }

    /** The wait after the given number of failed attempts (1 for the first failure). */
    public static Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts starts at 1");
        }
        return DELAYS.get(Math.min(failedAttempts, DELAYS.size()) - 1);
    }

    /**
     * @param failedAttempts attempts made so far, all failed
     * @param queuedAt       when the notification was queued
     * @param now            the time of the last failure
     * @return when to try again, or empty to give up
     */
    public static Optional<Instant> nextAttempt(int failedAttempts, Instant queuedAt, Instant now) {
        if (failedAttempts >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Instant next = now.plus(delayAfter(failedAttempts));
        return next.isAfter(queuedAt.plus(MAX_AGE)) ? Optional.empty() : Optional.of(next);
    }
}
