package org.ams.escrow;

import java.time.Duration;

/**
 * How fresh "confirmed on the device" has to be before a check-in writes it again. A key's confirmation is refreshed
 * once it is older than half the device's check-in interval, and never more often than every five minutes: a fleet
 * checking in on schedule writes each key about once per check-in, while an agent that checks in again and again (a
 * retry, a restart, "check in now") writes nothing new, and the time shown is never off by more than half an interval.
 */
public final class DeviceConfirmation {

    /** The least age of a confirmation before it is written again, whatever the check-in interval. */
    static final Duration MIN_REFRESH = Duration.ofMinutes(5);

    private DeviceConfirmation() {
    }

    /** @param checkInIntervalMinutes the device's policy's check-in interval */
    public static Duration refreshAfter(int checkInIntervalMinutes) {
        Duration half = Duration.ofMinutes(Math.max(0, checkInIntervalMinutes)).dividedBy(2);
        return half.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : half;
    }
}
