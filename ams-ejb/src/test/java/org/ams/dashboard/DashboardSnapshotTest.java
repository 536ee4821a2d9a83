package org.ams.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.devices.DeviceState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DashboardSnapshotTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private static DashboardSnapshot snapshot(Map<DeviceState, Long> byState, List<EscrowDay> days) {
        return new DashboardSnapshot(byState, 0, 0, 30, 0, 0, days, List.of(),
                new EscrowHealth(0, List.of(), 0, List.of(), 0, null, 0), Instant.EPOCH);
    }

    @Test
    @DisplayName("A state no device is in is counted as 0, not left out")
    void everyStateIsCounted() {
        DashboardSnapshot snapshot = snapshot(Map.of(DeviceState.APPROVED, 4L), List.of());

        assertEquals(List.of(DeviceState.values()), List.copyOf(snapshot.devicesByState().keySet()));
        assertEquals(4, snapshot.approved());
        assertEquals(0, snapshot.devices(DeviceState.PENDING));
    }

    @Test
    @DisplayName("The figures cannot be changed through the maps and lists they were made from")
    void theSnapshotIsImmutable() {
        Map<DeviceState, Long> counts = new HashMap<>(Map.of(DeviceState.PENDING, 1L));
        DashboardSnapshot snapshot = snapshot(counts, new ArrayList<>(List.of(new EscrowDay(DAY, 2))));
        counts.put(DeviceState.PENDING, 99L);

        assertEquals(1, snapshot.devices(DeviceState.PENDING));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.devicesByState().put(DeviceState.DELETED, 1L));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.escrowedPerDay().clear());
    }

    @Test
    void theBusiestDayScalesTheBars() {
        assertEquals(7, snapshot(Map.of(), List.of(new EscrowDay(DAY, 2), new EscrowDay(DAY.plusDays(1), 7),
                new EscrowDay(DAY.plusDays(2), 0))).busiestEscrowDay());
        assertEquals(0, snapshot(Map.of(), List.of(new EscrowDay(DAY, 0))).busiestEscrowDay());
    }
}
