package org.ams.agents;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationKeyTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void countsActivationsUpToItsLimit() {
        RegistrationKey key = new RegistrationKey(null, "Two", "hash", "abcdef", 2, null, false, Set.of());

        key.activate(NOW);
        key.activate(NOW);
        AgentApiException third = assertThrows(AgentApiException.class, () -> key.activate(NOW));

        assertEquals(AgentRefusal.REGISTRATION_KEY_EXHAUSTED, third.refusal());
        assertEquals(2, key.getActivations());
    }

    @Test
    void stopsWorkingAtItsExpiry() {
        RegistrationKey key = new RegistrationKey(null, "Until noon", "hash", "abcdef", null, NOW, false, Set.of());

        assertDoesNotThrow(() -> key.activate(NOW.minusSeconds(1)));
        AgentApiException expired = assertThrows(AgentApiException.class, () -> key.activate(NOW));

        assertEquals(AgentRefusal.REGISTRATION_KEY_EXPIRED, expired.refusal());
        assertEquals("This registration key expired on 2026-11-29.", expired.getMessage());
    }

    @Test
    void aDisabledKeyIsRefusedWhateverItsLimits() {
        RegistrationKey key = new RegistrationKey(null, "Off", "hash", "abcdef", null, null, true, Set.of());
        key.setEnabled(false);

        assertEquals(AgentRefusal.REGISTRATION_KEY_DISABLED,
                assertThrows(AgentApiException.class, () -> key.activate(NOW)).refusal());
        assertEquals(0, key.getActivations());
    }

    @Test
    void hashesAreStableAndNeverTheKey() {
        String hash = RegistrationKeys.hash("secret-key");

        assertEquals(64, hash.length());
        assertEquals(hash, RegistrationKeys.hash("secret-key"));
        assertEquals(false, hash.contains("secret"));
    }
}
