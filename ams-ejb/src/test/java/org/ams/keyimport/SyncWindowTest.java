package org.ams.keyimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyncWindowTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 2, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final String DC1 = "CN=NTDS Settings,CN=DC1";

    private static SyncWindow.State synced(long usn, String dc) {
        return new SyncWindow.State(usn, dc, NOW.minusDays(1), null, null, null, null, null);
    }

    @Test
    @DisplayName("The first run reads everything up to the DC's highest committed USN")
    void firstRunIsFull() {
        SyncWindow window = SyncWindow.decide(new SyncWindow.State(null, null, null, null, null, null, null, null),
                DC1, 5000L, false, NOW);
        assertTrue(window.full());
        assertEquals(0, window.floor());
        assertEquals(5000L, window.ceiling());
        assertEquals(5000, window.watermark(4000L));
    }

    @Test
    @DisplayName("Against the same DC, a run reads the changes after the highest USN imported")
    void sameControllerIsIncremental() {
        SyncWindow window = SyncWindow.decide(synced(5000, DC1), DC1, 5200L, false, NOW);
        assertFalse(window.full());
        assertEquals(5000, window.floor());
        assertEquals(5200L, window.ceiling());
    }

    @Test
    @DisplayName("Another DC, a USN that went backwards, a requested full scan, a week without one: full scans")
    void fullScans() {
        assertTrue(SyncWindow.decide(synced(5000, DC1), "CN=NTDS Settings,CN=DC2", 9000L, false, NOW).full());
        SyncWindow backwards = SyncWindow.decide(synced(5000, DC1), DC1, 4000L, false, NOW);
        assertTrue(backwards.full());
        assertTrue(backwards.reason().contains("backwards"), backwards.reason());
        assertEquals(4000, backwards.watermark(3999L), "the new, lower USN is where the next sync starts");
        assertTrue(SyncWindow.decide(synced(5000, DC1), DC1, 5000L, true, NOW).full());
        SyncWindow.State weekOld = new SyncWindow.State(5000L, DC1, NOW.minusDays(8), null, null, null, null, null);
        assertTrue(SyncWindow.decide(weekOld, DC1, 5000L, false, NOW).full());
    }

    @Test
    @DisplayName("A run that stopped part way is resumed with its window, unless the DC changed")
    void stoppedRunResumes() {
        UUID run = UUID.randomUUID();
        SyncWindow.State stopped = new SyncWindow.State(5000L, DC1, NOW.minusDays(1), run, false, DC1, 5000L, 5300L);
        SyncWindow resumed = SyncWindow.decide(stopped, DC1, 5400L, false, NOW);
        assertTrue(resumed.resumed());
        assertEquals(run, resumed.runId());
        assertEquals(5300L, resumed.ceiling(), "the window it started with");

        SyncWindow moved = SyncWindow.decide(stopped, "CN=NTDS Settings,CN=DC2", 100L, false, NOW);
        assertFalse(moved.resumed());
        assertTrue(moved.full());
    }

    @Test
    @DisplayName("Without a published highest USN, the window is open above and ends at the highest USN read")
    void noCeiling() {
        SyncWindow window = SyncWindow.decide(synced(5000, DC1), DC1, null, false, NOW);
        assertNull(window.ceiling());
        assertEquals(5000, window.watermark(null));
        assertEquals(5100, window.watermark(5100L));
    }
}
