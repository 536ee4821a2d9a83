package org.ams.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SameOriginPostTest {

    @Test
    @DisplayName("A browser that says where the post came from is believed: only AMS's own pages may sign in")
    void fetchSiteDecides() {
        assertTrue(SameOriginPost.allows("same-origin", "https://ams.example.com", "ams.example.com"));
        assertTrue(SameOriginPost.allows("none", null, "ams.example.com"));
        assertFalse(SameOriginPost.allows("cross-site", "https://evil.example.net", "ams.example.com"));
        assertFalse(SameOriginPost.allows("same-site", "https://intranet.example.com", "ams.example.com"));
        // Behind a proxy the Host the server sees may differ; the browser's own verdict still holds.
        assertTrue(SameOriginPost.allows("same-origin", "https://ams.example.com", "10.0.0.5:8080"));
        assertFalse(SameOriginPost.allows("Cross-Site", "https://ams.example.com", "ams.example.com"));
    }

    @Test
    @DisplayName("Without Sec-Fetch-Site the Origin must name the host the post was sent to")
    void originDecidesForOlderBrowsers() {
        assertTrue(SameOriginPost.allows(null, "http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(SameOriginPost.allows(null, "https://ams.example.com", "ams.example.com"));
        assertTrue(SameOriginPost.allows(null, "https://ams.example.com", "ams.example.com:443"));
        assertFalse(SameOriginPost.allows(null, "http://127.0.0.1:9090", "127.0.0.1:8080"));
        assertFalse(SameOriginPost.allows(null, "https://evil.example.net", "ams.example.com"));
        assertFalse(SameOriginPost.allows(null, "null", "ams.example.com"), "a sandboxed or privacy-hidden origin");
        assertFalse(SameOriginPost.allows(null, "not a uri", "ams.example.com"));
        assertFalse(SameOriginPost.allows(null, "https://ams.example.com", null));
    }

    @Test
    @DisplayName("A client that is no browser (neither header) is let through: no other site can drive it")
    void neitherHeader() {
        assertTrue(SameOriginPost.allows(null, null, "ams.example.com"));
    }
}
