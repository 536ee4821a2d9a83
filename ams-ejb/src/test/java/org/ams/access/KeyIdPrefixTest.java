package org.ams.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyIdPrefixTest {

    @Test
    @DisplayName("The eight characters of the recovery screen, in any case, match the key id and every protector with it")
    void recoveryScreenKeyId() {
        KeyIdPrefix prefix = KeyIdPrefix.parse(" 1b4c0e26 ");

        assertEquals("1B4C0E26", prefix.digits());
        assertEquals("1B4C0E26", prefix.keyId());
        assertEquals("{1B4C0E26%", prefix.protectorIdPattern());
    }

    @Test
    @DisplayName("More of the GUID, typed with or without braces and dashes, narrows the pattern at the right dashes")
    void moreOfTheGuid() {
        assertEquals("{1B4C0E26-3A4F%", KeyIdPrefix.parse("1B4C0E263A4F").protectorIdPattern());
        assertEquals("{1B4C0E26-3A4F-4B%", KeyIdPrefix.parse("{1B4C0E26-3A4F-4B").protectorIdPattern());
        assertEquals("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE%",
                KeyIdPrefix.parse("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}").protectorIdPattern());
        assertEquals("1B4C0E26", KeyIdPrefix.parse("1B4C 0E26 3A").keyId());
    }

    @Test
    @DisplayName("Fewer than eight hex digits, other characters or more than a GUID are refused with one sentence")
    void badInput() {
        for (String typed : new String[] {null, "", "1B4C0E2", "1B4C0E2G", "1B4C%E26", "1B4C0E26_",
                "1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE0"}) {
            AccessRequestException refused = assertThrows(AccessRequestException.class, () -> KeyIdPrefix.parse(typed),
                    String.valueOf(typed));
            assertEquals("Type at least the first 8 characters of the recovery key ID the BitLocker recovery screen "
                    + "shows (digits 0-9 and letters A-F).", refused.getMessage());
        }
    }
}
