package org.ams.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceConfirmationTest {

    @Test
    @DisplayName("A confirmation is written again once it is older than half the device's check-in interval")
    void halfTheCheckInInterval() {
        assertEquals(Duration.ofMinutes(30), DeviceConfirmation.refreshAfter(60));
        assertEquals(Duration.ofHours(12), DeviceConfirmation.refreshAfter(24 * 60));
    }

    @Test
    @DisplayName("Agents checking in every few minutes write a key's confirmation at most every five minutes")
    void neverMoreOftenThanFiveMinutes() {
        assertEquals(Duration.ofMinutes(5), DeviceConfirmation.refreshAfter(5));
        assertEquals(Duration.ofMinutes(5), DeviceConfirmation.refreshAfter(1));
        assertEquals(Duration.ofMinutes(5), DeviceConfirmation.refreshAfter(0));
    }
}
