package org.ams.notify.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant QUEUED = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    @DisplayName("Back-off grows 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then stays at 4 h")
    void delays() {
        List<Duration> delays = new ArrayList<>();
        for (int failed = 1; failed <= 9; failed++) {
            delays.add(RetrySchedule.delayAfter(failed));
        }

        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
                Duration.ofHours(4), Duration.ofHours(4)), delays);
    }

    @Test
    @DisplayName("A receiver that never answers is tried until the attempts or the 24 hours run out, never after")
    void givesUp() {
        Instant now = QUEUED;
        int failed = 0;
        Optional<Instant> next;
        do {
            failed++;
            next = RetrySchedule.nextAttempt(failed, QUEUED, now);
            if (next.isPresent()) {
                assertTrue(next.get().isAfter(now));
                assertTrue(!next.get().isAfter(QUEUED.plus(RetrySchedule.MAX_AGE)), "never later than 24 h");
                now = next.get();
            }
        } while (next.isPresent());

        assertTrue(failed <= RetrySchedule.MAX_ATTEMPTS, "at most " + RetrySchedule.MAX_ATTEMPTS + " attempts");
        assertTrue(failed >= 10, "but it keeps trying for most of a day: " + failed + " attempts");
    }

    @Test
    @DisplayName("After the last allowed attempt there is no next one")
    void attemptLimit() {
        assertEquals(Optional.empty(), RetrySchedule.nextAttempt(RetrySchedule.MAX_ATTEMPTS, QUEUED, QUEUED));
        assertEquals(Optional.of(QUEUED.plusSeconds(30)), RetrySchedule.nextAttempt(1, QUEUED, QUEUED));
    }
}
