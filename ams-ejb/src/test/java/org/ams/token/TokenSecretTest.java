package org.ams.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenSecretTest {

    @Test
    @DisplayName("A secret is ams_ and 43 URL-safe characters (32 random bytes), different every time")
    void generated() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TokenSecret secret = TokenSecret.generate();
            assertTrue(secret.value().matches("ams_[A-Za-z0-9_-]{43}"), "URL-safe, prefixed");
            assertTrue(TokenSecret.wellFormed(secret.value()));
            assertTrue(seen.add(secret.value()));
        }
    }

    @Test
    @DisplayName("Only the SHA-256 in hex is stored, and the hint is the first ten characters; toString shows no more")
    void storedForm() {
        TokenSecret secret = new TokenSecret("ams_" + "A".repeat(43));
        assertEquals(64, secret.hash().length());
        assertEquals(TokenSecret.hashOf(secret.value()), secret.hash());
        assertNotEquals(secret.hash(), TokenSecret.hashOf("ams_" + "A".repeat(42) + "B"));
        assertEquals("ams_AAAAAA", secret.hint());
        assertFalse(secret.toString().contains("A".repeat(43)), "a log line would not hold the secret");
    }

    @Test
    @DisplayName("Anything but a well-formed secret is refused before a lookup")
    void malformed() {
        assertFalse(TokenSecret.wellFormed(null));
        assertFalse(TokenSecret.wellFormed(""));
        assertFalse(TokenSecret.wellFormed("ams_" + "A".repeat(42)));
        assertFalse(TokenSecret.wellFormed("ams_" + "A".repeat(44)));
        assertFalse(TokenSecret.wellFormed("xyz_" + "A".repeat(43)));
        assertFalse(TokenSecret.wellFormed("ams_" + "A".repeat(42) + "="));
        assertFalse(TokenSecret.wellFormed("ams_" + "A".repeat(42) + "+"));
    }
}
