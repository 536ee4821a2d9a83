package org.ams.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtectorIdTest {

    private static final String CANONICAL = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";

    @ParameterizedTest
    @ValueSource(strings = {
            "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}",
            "1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE",
            "{1b4c0e26-3a4f-4b8e-9e2c-5d7a1f00c0de}",
            "1b4c0e26-3A4F-4b8e-9E2C-5d7a1f00c0de",
            "  {1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}\n"})
    @DisplayName("parses with or without braces, in any case, to the upper-case braced form Windows writes")
    void parsesToCanonicalForm(String text) {
        ProtectorId id = ProtectorId.parse(text);

        assertEquals(CANONICAL, id.value());
        assertEquals(CANONICAL, id.toString());
    }

    @Test
    @DisplayName("the recovery key id is the first eight hex digits, as the recovery screen shows")
    void keyIdIsFirstEightHexDigits() {
        ProtectorId id = ProtectorId.parse("{1b4c0e26-3a4f-4b8e-9e2c-5d7a1f00c0de}");

        assertEquals("1B4C0E26", id.keyId());
    }

    @Test
    void convertsToAndFromUuid() {
        UUID uuid = UUID.fromString("1b4c0e26-3a4f-4b8e-9e2c-5d7a1f00c0de");

        ProtectorId id = ProtectorId.of(uuid);

        assertEquals(ProtectorId.parse(CANONICAL), id);
        assertEquals(uuid, id.toUuid());
    }

    @Test
    void equalityIgnoresTheTypedCase() {
        ProtectorId upper = ProtectorId.parse(CANONICAL);
        ProtectorId lower = ProtectorId.parse(CANONICAL.toLowerCase());
        ProtectorId other = ProtectorId.parse("{00000000-0000-0000-0000-000000000001}");

        assertEquals(upper, lower);
        assertEquals(upper.hashCode(), lower.hashCode());
        assertNotEquals(upper, other);
        assertTrue(other.compareTo(upper) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{}",
            "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE",
            "1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}",
            "{{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}}",
            "1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0D",
            "1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DEE",
            "1B4C0E263A4F4B8E9E2C5D7A1F00C0DE",
            "1B4C0E2-63A4F-4B8E-9E2C-5D7A1F00C0DE",
            "1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DG",
            "1B4C0E26 3A4F 4B8E 9E2C 5D7A1F00C0DE",
            "\uFF11B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE",
            "ABCDEF12"})
    @DisplayName("rejects anything but an 8-4-4-4-12 hex GUID, without echoing the input")
    void rejectsMalformedIds(String text) {
        InvalidProtectorIdException thrown = assertThrows(InvalidProtectorIdException.class, () -> ProtectorId.parse(text));

        assertTrue(thrown.getMessage().contains("GUID"), "explains the expected form");
        assertFalse(!text.isBlank() && thrown.getMessage().contains(text.strip()), "does not echo the input");
    }
}
