package org.ams.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitingRotationTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static WaitingRotation requested(Duration ago) {
        return new WaitingRotation(null, "PC-1", "{6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}", "DISCLOSED", "REQUESTED",
                OffsetDateTime.ofInstant(NOW.minus(ago), ZoneOffset.UTC));
    }

    @Test
    @DisplayName("The age reads in the largest two units that matter: days and hours, hours and minutes, minutes")
    void ageInWords() {
        assertEquals("0 min", requested(Duration.ofSeconds(20)).age(NOW));
        assertEquals("45 min", requested(Duration.ofMinutes(45)).age(NOW));
        assertEquals("5 h 10 min", requested(Duration.ofMinutes(310)).age(NOW));
        assertEquals("3 d 4 h", requested(Duration.ofHours(76).plusMinutes(59)).age(NOW));
    }

    @Test
    @DisplayName("A request stamped a moment after the page's time (another node's clock) is 0 min old, not negative")
    void neverNegative() {
        assertEquals("0 min", requested(Duration.ofSeconds(-30)).age(NOW));
    }
}
