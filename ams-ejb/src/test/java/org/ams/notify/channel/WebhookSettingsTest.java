package org.ams.notify.channel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ams.notify.InvalidChannelException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSettingsTest {

    private static final String BODY = "{\"text\": \"{{user}} on {{computer}}\"}";

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/services/T0/B0/xyz", "http://127.0.0.1:8080/hook",
            "HTTPS://example.com", "https://[::1]:8443/a?b=c"})
    @DisplayName("http and https URLs are accepted")
    void acceptsHttp(String url) {
        assertDoesNotThrow(() -> new WebhookSettings(url, WebhookMethod.POST, BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/hook", "file:///etc/passwd", "javascript:alert(1)",
            "ldap://dc1.corp.example", "gopher://x"})
    @DisplayName("Any other scheme is refused with a sentence saying what is allowed")
    void refusesOtherSchemes(String url) {
        InvalidChannelException refused = assertThrows(InvalidChannelException.class,
                () -> new WebhookSettings(url, WebhookMethod.POST, BODY));
        assertTrue(refused.getMessage().startsWith("The webhook URL must start with https:// (or http://); "),
                refused.getMessage());
    }

    @Test
    @DisplayName("No host, no scheme, credentials in the URL and malformed URLs are refused")
    void refusesBadUrls() {
        assertEquals("The webhook URL must start with https:// (or http://); it has no scheme.",
                message(() -> new WebhookSettings("hooks.example.com/x", WebhookMethod.POST, BODY)));
        assertTrue(message(() -> new WebhookSettings("https:///path", WebhookMethod.POST, BODY)).contains("host"));
        assertTrue(message(() -> new WebhookSettings("https://user:secret@example.com/", WebhookMethod.POST, BODY))
                .contains("must not hold a user name or password"));
        assertTrue(message(() -> new WebhookSettings("https://exa mple.com/", WebhookMethod.POST, BODY))
                .contains("not a valid URL"));
        assertEquals("Enter the webhook URL, e.g. https://hooks.slack.com/services/...",
                message(() -> new WebhookSettings(" ", WebhookMethod.POST, BODY)));
    }

    @Test
    @DisplayName("A body whose placeholder sits outside a JSON string is refused when saved")
    void bodyMustStayJson() {
        assertTrue(message(() -> new WebhookSettings("https://example.com", WebhookMethod.POST, "{\"n\": {{user}}}"))
                .contains("Put each {{variable}} inside a JSON string"));
        assertTrue(message(() -> new WebhookSettings("https://example.com", WebhookMethod.POST, "{\"n\": \"{{nope}}\"}"))
                .contains("unknown variable {{nope}}"));
    }

    @ParameterizedTest
    @EnumSource(WebhookPreset.class)
    @DisplayName("The ready-made Teams, Slack and generic bodies are valid templates")
    void presetsAreValid(WebhookPreset preset) {
        assertDoesNotThrow(() -> new WebhookSettings("https://example.com/x", WebhookMethod.POST, preset.bodyTemplate()));
    }

    @Test
    @DisplayName("Messages show the webhook without its path, which holds the Teams or Slack secret")
    void displayUrlHidesPath() {
        assertEquals("https://hooks.slack.com/...",
                new WebhookSettings("https://hooks.slack.com/services/T0/B0/secret", WebhookMethod.POST, BODY).displayUrl());
        assertEquals("http://127.0.0.1:8080",
                new WebhookSettings("http://127.0.0.1:8080", WebhookMethod.PUT, BODY).displayUrl());
    }

    @Test
    @DisplayName("Headers are 'Name: value' lines; reserved and malformed ones are refused without echoing values")
    void headers() {
        WebhookHeaders headers = WebhookHeaders.parse("Authorization: Bearer s3cret\r\n\nX-Team: helpdesk\n");
        assertEquals("Authorization, X-Team", headers.names());
        assertEquals("Bearer s3cret", headers.asMap().get("Authorization"));
        assertEquals("WebhookHeaders[Authorization, X-Team]".length(), headers.toString().length());

        assertEquals("Header line 1 is not 'Name: value' (for example 'Authorization: Bearer ...').",
                message(() -> WebhookHeaders.parse("Bearer s3cret")));
        assertEquals("The header Host is set by AMS itself and cannot be given.",
                message(() -> WebhookHeaders.parse("Host: evil.example")));
        assertEquals("The header x-a is given twice.", message(() -> WebhookHeaders.parse("X-A: 1\nx-a: 2")));
        assertTrue(WebhookHeaders.parse(" ").isEmpty());
    }

    private static String message(org.junit.jupiter.api.function.Executable executable) {
        return assertThrows(InvalidChannelException.class, executable).getMessage();
    }
}
