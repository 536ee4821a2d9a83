package org.ams.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EscrowVerificationTest {

    @Test
    @DisplayName("Unset, the verification runs daily")
    void dailyByDefault() {
        assertEquals(Duration.ofHours(24), EscrowVerification.interval(null));
    }

    @Test
    void aConfiguredNumberOfHoursIsUsed() {
        assertEquals(Duration.ofHours(6), EscrowVerification.interval("6"));
        assertEquals(Duration.ofHours(168), EscrowVerification.interval(" 168 "));
        assertEquals(Duration.ofHours(8760), EscrowVerification.interval("8760"));
    }

    @Test
    @DisplayName("A value that is not 1 to 8760 hours is ignored rather than stopping the checks")
    void nonsenseFallsBackToDaily() {
        assertEquals(Duration.ofHours(24), EscrowVerification.interval("0"));
        assertEquals(Duration.ofHours(24), EscrowVerification.interval("8761"));
        assertEquals(Duration.ofHours(24), EscrowVerification.interval("daily"));
        assertEquals(Duration.ofHours(24), EscrowVerification.interval("-3"));
    }

    @Test
    @DisplayName("An unreadable key is named in the audit log by protector and device, history marked as such")
    void unreadableKeysAreNamedWithoutSecrets() {
        UnreadableKey current = new UnreadableKey(null, "PC-0042", "{6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}",
                KeyState.CURRENT, null, "the stored envelope is damaged or not an envelope");
        UnreadableKey history = new UnreadableKey(null, "PC-0042", "{6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}",
                KeyState.SUPERSEDED, null, "the sealed secret is missing");

        assertEquals("{6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D} of PC-0042: the stored envelope is damaged or not an "
                + "envelope", current.describe());
        assertEquals("{6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D} of PC-0042 (history): the sealed secret is missing",
                history.describe());
    }
}
