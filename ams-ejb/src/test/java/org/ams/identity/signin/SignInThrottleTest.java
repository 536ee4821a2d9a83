package org.ams.identity.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofMinutes(15), clock, new MemoryLog());

    @Test
    @DisplayName("After three failures for one user name, the fourth attempt waits until the first leaves the window")
    void accountIsThrottledAfterItsLimit() {
        throttle.failed("helen", "10.0.0.1");
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("helen", "10.0.0.2");
        throttle.failed("HELEN", "10.0.0.3");

        assertEquals(Optional.of(Duration.ofMinutes(14)), throttle.waitBefore("Helen", "10.0.0.9"));
        assertEquals(Optional.empty(), throttle.waitBefore("nora", "10.0.0.9"), "other accounts are not affected");

        clock.advance(Duration.ofMinutes(14));
        assertEquals(Optional.empty(), throttle.waitBefore("helen", "10.0.0.9"), "the oldest failure expired");
    }

    @Test
    @DisplayName("Guessing many user names from one address is throttled by address")
    void addressIsThrottledAfterItsLimit() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }

        assertTrue(throttle.waitBefore("someone-else", "192.0.2.7").isPresent());
        assertEquals(Optional.empty(), throttle.waitBefore("someone-else", "192.0.2.8"));
    }

    @Test
    void unknownAndKnownUserNamesCountAlike() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("no-such-user", "10.0.0." + i);
        }

        assertTrue(throttle.waitBefore("no-such-user", "10.0.0.50").isPresent());
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("helen", "198.51.100.1");
        }
        throttle.succeeded("helen");
        throttle.failed("helen", "198.51.100.1");

        assertEquals(Optional.empty(), throttle.waitBefore("helen", "198.51.100.2"));
        throttle.failed("x", "198.51.100.1");
        throttle.failed("y", "198.51.100.1");
        assertTrue(throttle.waitBefore("z", "198.51.100.1").isPresent(), "the address kept its five failures");
    }

    @Test
    void overlongUserNamesShareOneBoundedKey() {
        String huge = "a".repeat(1_000_000);
        for (int i = 0; i < 3; i++) {
            throttle.failed(huge + i, "10.1.1." + i);
        }

        assertTrue(throttle.waitBefore(huge, "10.1.1.99").isPresent());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The database's behaviour in memory: failures per subject, oldest first, expired ones forgotten on add. */
    private static final class MemoryLog implements FailureLog {
        private final Map<String, List<Instant>> failures = new HashMap<>();

        @Override
        public List<Instant> since(String subject, Instant after) {
            return failures.getOrDefault(subject, List.of()).stream().filter(t -> t.isAfter(after)).sorted().toList();
        }

        @Override
        public void add(List<String> subjects, Instant at, Instant forgetUpTo) {
            failures.values().forEach(times -> times.removeIf(t -> !t.isAfter(forgetUpTo)));
            subjects.forEach(subject -> failures.computeIfAbsent(subject, s -> new ArrayList<>()).add(at));
        }

        @Override
        public void clear(String subject) {
            failures.remove(subject);
        }
    }
}
