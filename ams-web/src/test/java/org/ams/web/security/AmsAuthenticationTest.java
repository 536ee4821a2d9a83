package org.ams.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AmsAuthenticationTest {

    @Test
    void basicCredentialsAreSplitAtTheFirstColon() {
        UsernamePasswordCredential credential = AmsAuthentication.decode(encoded("audra:pass:with:colons-é"));

        assertEquals("audra", credential.getCaller());
        assertEquals("pass:with:colons-é", credential.getPasswordAsString());
    }

    @Test
    void malformedCredentialsAreNoCredentials() {
        assertNull(AmsAuthentication.decode("not base64!"));
        assertNull(AmsAuthentication.decode(encoded("no-colon")));
        assertNull(AmsAuthentication.decode(encoded(":password-without-user")));
        assertNull(AmsAuthentication.decode(encoded("user-without-password:")));
    }

    private static String encoded(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
