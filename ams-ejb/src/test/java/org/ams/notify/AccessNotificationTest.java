package org.ams.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessNotificationTest {

    @Test
    @DisplayName("What waits in the outbox comes back exactly as it was queued, quotes and line breaks included")
    void outboxRoundTrip() {
        AccessNotification queued = new AccessNotification("eve\"\n", "Ève <E>", "PC-1", null, "a\\b\r\n\u0000",
                "Success", "Access granted", "rule", "Read", "::1", Instant.parse("2026-11-29T08:00:00.123Z"), "r-9");

        AccessNotification read = AccessNotification.fromJson(queued.toJson());

        assertEquals(queued, read);
        assertEquals("", read.computerDnsName(), "a missing value is empty, never null");
        assertEquals("2026-11-29T08:00:00Z", read.values().get(TemplateVariable.TIME));
    }

    @Test
    @DisplayName("Overlong values are cut, so one request cannot flood a channel")
    void longValuesAreCut() {
        AccessNotification notification = new AccessNotification("u", "", "c", "", "x".repeat(10_000), "Success", "",
                "", "", "", null, "");

        assertEquals(AccessNotification.MAX_VALUE_LENGTH, notification.reason().length());
    }
}
