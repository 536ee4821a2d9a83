package org.ams.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuditApiAuthenticationTest {

    @Test
    void basicCredentialsAreSplitAtTheFirstColon() {
        UsernamePasswordCredential credential = AuditApiAuthentication.decode(encoded("audra:pass:with:colons-é"));

        assertEquals("audra", credential.getCaller());
        assertEquals("pass:with:colons-é", credential.getPasswordAsString());
    }

    @Test
    void malformedCredentialsAreNoCredentials() {
        assertNull(AuditApiAuthentication.decode("not base64!"));
        assertNull(AuditApiAuthentication.decode(encoded("no-colon")));
        assertNull(AuditApiAuthentication.decode(encoded(":password-without-user")));
        assertNull(AuditApiAuthentication.decode(encoded("user-without-password:")));
    }

    private static String encoded(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
