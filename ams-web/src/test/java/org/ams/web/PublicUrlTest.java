package org.ams.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.ams.platform.AmsSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

    @Test
    @DisplayName("Without a configured URL: an HTTPS request's own origin; a plain-HTTP one's host on the HTTPS port")
    void fromTheRequest() {
        assertEquals("https://ams.corp.example:8443", PublicUrl.of("https", "ams.corp.example", 8443));
        assertEquals("https://ams.corp.example", PublicUrl.of("https", "ams.corp.example", 443));
        assertEquals("https://ams.corp.example", PublicUrl.of("HTTPS", "ams.corp.example", -1));
        assertEquals("https://ams.corp.example:" + PublicUrl.httpsPort(AmsSettings.current()),
                PublicUrl.of("http", "ams.corp.example", 8080));
    }

    @Test
    @DisplayName("The configured URL wins, without its trailing slash; the HTTPS port comes from the settings")
    void configured() {
        AmsSettings settings = AmsSettings.of(Map.of(), Map.of("AMS_PUBLIC_URL", "https://ams.example.com/",
                "AMS_HTTPS_PORT", "9443"));
        assertEquals("https://ams.example.com", PublicUrl.configured(settings).orElseThrow());
        assertEquals(9443, PublicUrl.httpsPort(settings));
        assertEquals(8443, PublicUrl.httpsPort(AmsSettings.of(Map.of(), Map.of("AMS_HTTPS_PORT", "none"))));
        assertEquals(8443, PublicUrl.httpsPort(AmsSettings.of(Map.of(), Map.of("AMS_HTTPS_PORT", "70000"))));
    }
}
