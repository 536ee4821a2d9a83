package org.ams.audit.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ForwardingCursorTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-29T04:05:06Z");

    @Test
    @DisplayName("After failures the forwarder waits 5 s, 10 s, 20 s, ... and never more than 5 minutes")
    void backOff() {
        assertEquals(Duration.ofSeconds(5), ForwardingCursor.delayAfter(1));
        assertEquals(Duration.ofSeconds(10), ForwardingCursor.delayAfter(2));
        assertEquals(Duration.ofSeconds(160), ForwardingCursor.delayAfter(6));
        assertEquals(Duration.ofMinutes(5), ForwardingCursor.delayAfter(7));
        assertEquals(Duration.ofMinutes(5), ForwardingCursor.delayAfter(1000));
    }

    @Test
    @DisplayName("A failure keeps the cursor and schedules the next attempt; a success moves it on, never backwards")
    void cursorMovesOnlyForward() {
        ForwardingCursor cursor = new ForwardingCursor();
        cursor.startAfter(100);

        cursor.failed("Could not connect to 127.0.0.1:6514 over TLS: Connection refused", NOW);
        cursor.failed("Could not connect to 127.0.0.1:6514 over TLS: Connection refused", NOW);

        assertEquals(100, cursor.getLastForwarded());
        assertEquals(2, cursor.getFailures());
        assertEquals(NOW.plusSeconds(10), cursor.getNextAttemptAt());

        cursor.forwarded(120, NOW.plusSeconds(11));
        assertEquals(120, cursor.getLastForwarded());
        assertEquals(0, cursor.getFailures());
        assertNull(cursor.getNextAttemptAt());

        cursor.startAfter(200);
        cursor.forwarded(150, NOW.plusSeconds(12));
        assertEquals(200, cursor.getLastForwarded(), "a batch sent before forwarding was restarted does not move it back");
    }
}
