package org.ams.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ams.identity.IdentityException;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    @Test
    void openidIsAlwaysAskedForAndATrailingSlashIsDropped() {
        OidcSettings settings = new OidcSettings(true, " https://sso.corp.example/realms/corp/ ", "ams",
                "profile  email", "preferred_username", "groups", "Corp SSO", false);

        assertEquals("https://sso.corp.example/realms/corp", settings.issuer());
        assertEquals("openid profile email", settings.scopes());
        assertEquals(List.of("openid", "profile", "email"), List.copyOf(settings.scopeSet()));
    }

    @Test
    void eachMistakeIsRefusedWithWhatToFix() {
        assertRefused("The issuer URL must start with https:// (plain http only for a provider on this machine's "
                + "loopback address).", "http://sso.corp.example/realms/corp", "preferred_username", true, false);
        assertRefused("Enter the issuer URL without /.well-known/openid-configuration: AMS adds it.",
                "https://sso.corp.example/realms/corp/.well-known/openid-configuration", "preferred_username", true,
                false);
        assertRefused("Enter the user-name claim as the token names it, e.g. preferred_username, upn or email.",
                "https://sso.corp.example/realms/corp", "user name", true, false);
        assertRefused("Password sign-in can be left to the administrator alone only while sign-in with the identity "
                        + "provider is on; otherwise nobody else could sign in.",
                "https://sso.corp.example/realms/corp", "preferred_username", false, true);
    }

    @Test
    void aProviderOnLoopbackMaySpeakPlainHttp() {
        assertEquals("http://127.0.0.1:8180/realms/ams", new OidcSettings(true, "http://127.0.0.1:8180/realms/ams",
                "ams", "", "preferred_username", "groups", "Keycloak", false).issuer());
    }

    private static void assertRefused(String message, String issuer, String usernameClaim, boolean enabled,
                                      boolean passwordAdminOnly) {
        IdentityException refused = assertThrows(IdentityException.class, () -> new OidcSettings(enabled, issuer,
                "ams", "openid", usernameClaim, "groups", "Corp SSO", passwordAdminOnly));
        assertEquals(message, refused.getMessage());
    }
}
