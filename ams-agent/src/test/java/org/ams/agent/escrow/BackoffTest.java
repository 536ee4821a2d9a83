package org.ams.agent.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(60),
            new SplittableRandom(1));

    @Test
    void doublesFromTheFirstDelayWithJitterUpToTheCap() {
        long[] ceilings = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
        for (long ceiling : ceilings) {
            long seconds = backoff.nextDelay().toSeconds();
            assertTrue(seconds >= ceiling / 2 && seconds <= ceiling,
                    seconds + " s should lie between half and all of " + ceiling + " s");
        }
    }

    @Test
    void jitterSpreadsAgentsThatFailedTogether() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(seed -> new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(60),
                        new SplittableRandom(seed)))
                .mapToLong(b -> b.nextDelay().toMillis())
                .distinct().count();

        assertTrue(distinct > 40, "only " + distinct + " distinct delays among 50 agents");
    }

    @Test
    void successResetsTheRhythm() {
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.nextDelay();

        backoff.reset();

        assertEquals(0, backoff.failures());
        assertTrue(backoff.nextDelay().toSeconds() <= 30);
    }
}
