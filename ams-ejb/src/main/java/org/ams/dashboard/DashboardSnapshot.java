package org.ams.dashboard;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ams.devices.DeviceState;

/**
 * The dashboard's figures, as they were at {@code takenAt}.
 * <p>
 * Coverage and staleness count <em>approved</em> devices only: only an approved device may escrow keys, so only for
 * an approved device is a missing key a gap the administrator must close. Pending devices wait for a decision and are
 * counted under their state; rejected, disabled and deleted devices are out of service.
 *
 * @param devicesByState   every device state, with 0 for a state no device is in
 * @param withKeys         approved devices with at least one current escrowed recovery password
 * @param withoutKeys      approved devices without any
 * @param staleDays        the N of "not checked in for N days"
 * @param stale            approved devices whose agent has not checked in for {@code staleDays} days, or never did
 * @param neverCheckedIn   of those, the ones whose agent never checked in at all
 * @param escrowedPerDay   keys escrowed per day (UTC) over the last {@link Dashboard#ESCROW_DAYS} days, oldest first,
 *                         today last
 * @param recentDenials    the most recent denied access requests, key ID lookups and name searches, newest first
 * @param escrowHealth     rotations waiting and failed, and whether every escrowed key still opens
 * @param takenAt          when the figures were read
 */
public record DashboardSnapshot(Map<DeviceState, Long> devicesByState, long withKeys, long withoutKeys, int staleDays,
                                long stale, long neverCheckedIn, List<EscrowDay> escrowedPerDay,
                                List<DeniedRequest> recentDenials, EscrowHealth escrowHealth, Instant takenAt) {

    public DashboardSnapshot {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        for (DeviceState state : DeviceState.values()) {
            counts.put(state, devicesByState.getOrDefault(state, 0L));
        }
        devicesByState = Collections.unmodifiableMap(counts);
        escrowedPerDay = List.copyOf(escrowedPerDay);
        recentDenials = List.copyOf(recentDenials);
    }

    public long devices(DeviceState state) {
        return devicesByState.get(state);
    }

    /** Approved devices: those coverage is counted over. */
    public long approved() {
        return devices(DeviceState.APPROVED);
    }

    /** The most keys escrowed on one of the days shown, for scaling a bar chart; 0 when none were. */
    public long busiestEscrowDay() {
        return escrowedPerDay.stream().mapToLong(EscrowDay::keys).max().orElse(0);
    }
}
