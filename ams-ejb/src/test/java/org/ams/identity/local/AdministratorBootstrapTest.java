package org.ams.identity.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdministratorBootstrapTest {

    @Test
    void generatedPasswordsAreLongUnambiguousAndDifferentEachTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            char[] password = AdministratorBootstrap.generatePassword();
            String text = new String(password);

            assertEquals(20, password.length);
            assertTrue(text.matches("[A-HJ-NP-Za-km-z2-9]+"), "no look-alike characters such as 0/O or 1/l/I");
            assertDoesNotThrow(() -> PasswordPolicy.check(password));
            seen.add(text);
        }
        assertEquals(200, seen.size());
    }
}
