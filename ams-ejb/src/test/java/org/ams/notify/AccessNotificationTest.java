package org.ams.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.ams.notify.channel.SmtpSettings;
import org.ams.notify.template.Escaping;
import org.ams.notify.template.MessageTemplate;
import org.ams.notify.template.TemplateVariable;
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
    @DisplayName("A notification for one person keeps its address in the outbox, and is not a template variable")
    void recipientRoundTrip() {
        AccessNotification toRequester = new AccessNotification("jdoe", "", "PC-1", "", "", "ApprovalGranted",
                "Access request approved", "rule", "Read", "::1", Instant.parse("2026-11-29T08:00:00Z"), "7",
                "access-request-approved", "Approved: your request").to("jdoe@corp.example");

        AccessNotification read = AccessNotification.fromJson(toRequester.toJson());

        assertEquals(toRequester, read);
        assertEquals("jdoe@corp.example", read.recipient());
        assertTrue(read.values().values().stream().noneMatch(value -> value.contains("@corp.example")));
        assertEquals("", AccessNotification.fromJson(toRequester.to(null).toJson()).recipient(),
                "for the channel's own recipients");
    }

    @Test
    @DisplayName("Overlong values are cut, so one request cannot flood a channel")
    void longValuesAreCut() {
        AccessNotification notification = new AccessNotification("u", "", "c", "", "x".repeat(10_000), "Success", "",
                "", "", "", null, "");

        assertEquals(AccessNotification.MAX_VALUE_LENGTH, notification.reason().length());
    }

    @Test
    @DisplayName("An access request's event and summary: access-request, and the result, user and computer in words")
    void accessRequestSummary() {
        AccessNotification notification = AccessNotification.sample();

        assertEquals(AccessNotification.ACCESS_REQUEST, notification.values().get(TemplateVariable.EVENT));
        assertEquals("Access granted to jdoe for PC-0042", notification.values().get(TemplateVariable.SUMMARY));
    }

    @Test
    @DisplayName("A message queued before events existed is read back as the access request it was")
    void queuedBeforeEventsExisted() {
        AccessNotification read = AccessNotification.fromJson("{\"user\":\"eve\",\"computer\":\"PC-7\","
                + "\"result\":\"ExplicitlyDenied\",\"resultText\":\"Access denied\","
                + "\"time\":\"2026-11-29T08:00:00Z\",\"requestId\":\"41\"}");

        assertEquals(AccessNotification.ACCESS_REQUEST, read.event());
        assertEquals("Access denied to eve for PC-7", read.summary());
    }

    @Test
    @DisplayName("A system alert: AMS as the user, its code as the result, its summary as the text; kept through the outbox")
    void systemAlert() {
        AccessNotification alert = AccessNotification.alert(SystemAlert.ROTATION_OVERDUE, "2 rotations waited",
                "PC-1, PC-2", Instant.parse("2026-12-01T10:00:00Z"), "alert-1");

        assertEquals("rotation-overdue", alert.values().get(TemplateVariable.EVENT));
        assertEquals("2 rotations waited", alert.values().get(TemplateVariable.SUMMARY));
        assertEquals("RotationOverdue", alert.values().get(TemplateVariable.RESULT));
        assertEquals("2 rotations waited", alert.values().get(TemplateVariable.RESULT_TEXT));
        assertEquals("AMS", alert.values().get(TemplateVariable.USER));
        assertEquals("PC-1, PC-2", alert.values().get(TemplateVariable.COMPUTER));
        assertEquals("", alert.values().get(TemplateVariable.REASON));
        assertEquals(alert, AccessNotification.fromJson(alert.toJson()));
        assertEquals("AMS: 2 rotations waited", MessageTemplate.parse(SmtpSettings.DEFAULT_SUBJECT, "the subject")
                .render(alert.values(), Escaping.HTML));
    }

    @Test
    @DisplayName("An alert names each computer once, the first twenty, and counts the rest")
    void alertListsComputers() {
        assertEquals("", SystemAlerts.listed(List.of()));
        assertEquals("PC-1, PC-2", SystemAlerts.listed(List.of("PC-1", "PC-2", "PC-1")));
        List<String> many = IntStream.rangeClosed(1, 25).mapToObj(i -> "PC-" + i).toList();
        String listed = SystemAlerts.listed(many);
        assertTrue(listed.startsWith("PC-1, PC-2, "), listed);
        assertTrue(listed.endsWith("PC-20 and 5 more"), listed);
    }
}
