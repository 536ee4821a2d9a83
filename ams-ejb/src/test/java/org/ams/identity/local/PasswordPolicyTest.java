package org.ams.identity.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsALongEnoughPassword() {
        assertDoesNotThrow(() -> PasswordPolicy.check("correct horse battery".toCharArray()));
    }

    @Test
    void refusesShortBlankAndOversizedPasswords() {
        char[] huge = new char[PasswordPolicy.MAX_LENGTH + 1];
        Arrays.fill(huge, 'x');

        assertEquals("A password needs at least 12 characters.", assertThrows(
                PasswordPolicy.InvalidPasswordException.class, () -> PasswordPolicy.check("short".toCharArray()))
                .getMessage());
        assertEquals("A password cannot be only spaces.", assertThrows(PasswordPolicy.InvalidPasswordException.class,
                () -> PasswordPolicy.check("              ".toCharArray())).getMessage());
        assertEquals("A password may have at most 256 characters.", assertThrows(
                PasswordPolicy.InvalidPasswordException.class, () -> PasswordPolicy.check(huge)).getMessage());
    }
}
