package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a pause between steps of background work, from ams.properties")
class PauseSettingTest {

    private static final PauseSetting PAUSE = new PauseSetting("ams.test.pause-ms", "Working without a pause.");

    @Test
    @DisplayName("unset means no pause; 0 to 60000 ms are taken; anything else is ignored")
    void parse() {
        assertEquals(0, PAUSE.parse(null));
        assertEquals(0, PAUSE.parse("0"));
        assertEquals(250, PAUSE.parse("250"));
        assertEquals(250, PAUSE.parse(" 250 "));
        assertEquals(60_000, PAUSE.parse("60000"));
        assertEquals(0, PAUSE.parse("60001"));
        assertEquals(0, PAUSE.parse("-5"));
        assertEquals(0, PAUSE.parse("1s"));
    }

    @Test
    @DisplayName("a server that is stopping ends the pause at once and the work with it; an interrupted wait says so "
            + "and keeps the flag; a pause that ran its length lets the work go on")
    void stoppingAndInterrupted() {
        String before = System.getProperty(PAUSE.key());
        System.setProperty(PAUSE.key(), "60000");
        try {
            long started = System.nanoTime();
            assertFalse(PAUSE.pause(() -> true));
            assertTrue(System.nanoTime() - started < 30_000_000_000L, "a stopping server is not held for a minute");

            Thread.currentThread().interrupt();
            assertFalse(PAUSE.pause(() -> false));
            assertTrue(Thread.interrupted(), "the interrupt flag is set again");

            System.setProperty(PAUSE.key(), "20");
            started = System.nanoTime();
            assertTrue(PAUSE.pause(() -> false));
            assertTrue(System.nanoTime() - started >= 20_000_000L, "the whole pause is waited");
        } finally {
            if (before == null) {
                System.clearProperty(PAUSE.key());
            } else {
                System.setProperty(PAUSE.key(), before);
            }
        }
    }
}
