package org.ams.audit.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyslogMessageTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-29T05:05:06.5+01:00");
    private static final String HASH = "a".repeat(64);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    @DisplayName("An administrative change: facility and notice severity in PRI, UTC time in microseconds, the "
            + "header fields, the record in the structured data and a readable MSG after a BOM")
    void administrativeChange() {
        ForwardedRecord record = new ForwardedRecord(42, HASH, TIME, "alice", "certificate.generated",
                "EncryptionCertificate", "c-1", "CN=AMS 2026", "RSA 4096", null, null, null, null, null, null, null);

        byte[] bytes = SyslogMessage.of(record, SyslogFacility.LOG_AUDIT, "ams01.corp.example", "ams").toBytes();

        String expectedHead = "<109>1 2026-11-29T04:05:06.500000Z ams01.corp.example ams - certificate.generated "
                + "[ams@32473 seq=\"42\" hash=\"" + HASH + "\" actor=\"alice\" action=\"certificate.generated\" "
                + "targetType=\"EncryptionCertificate\" targetId=\"c-1\" targetName=\"CN=AMS 2026\"] ";
        byte[] head = expectedHead.getBytes(StandardCharsets.UTF_8);
        assertEquals(expectedHead, new String(bytes, 0, head.length, StandardCharsets.UTF_8));
        assertArrayEquals(BOM, Arrays.copyOfRange(bytes, head.length, head.length + 3), "MSG is UTF-8 with a BOM");
        assertEquals("alice certificate.generated EncryptionCertificate 'CN=AMS 2026': RSA 4096",
                new String(bytes, head.length + 3, bytes.length - head.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("A denied access request is a warning and carries every access field; a granted one is a notice")
    void accessRequests() {
        ForwardedRecord denied = accessRequest("ExplicitlyDenied");
        SyslogMessage message = SyslogMessage.of(denied, SyslogFacility.LOCAL0, "h", "ams");

        assertEquals(SyslogMessage.SEVERITY_WARNING, message.severity());
        assertEquals(16 * 8 + 4, message.priority());
        String text = message.toString();
        assertTrue(text.startsWith("<132>1 "), text);
        assertTrue(text.contains(" clientAddress=\"192.0.2.10\" result=\"ExplicitlyDenied\" "
                + "permission=\"ReadRecoveryPassword\" ruleId=\"r-1\" rule=\"Deny contractors\" "
                + "channels=\"Security mail, Teams\" reason=\"Locked out\"]"), text);
        assertTrue(text.endsWith("helpdesk1 access.requested Device 'PC-0042': ExplicitlyDenied"), text);

        SyslogMessage granted = SyslogMessage.of(accessRequest("Success"), SyslogFacility.LOCAL0, "h", "ams");
        assertEquals(SyslogMessage.SEVERITY_NOTICE, granted.severity());
        assertEquals(16 * 8 + 5, granted.priority());
    }

    @Test
    @DisplayName("SD-PARAM values escape '\"', '\\' and ']' with a backslash; nothing else is changed")
    void escaping() {
        ForwardedRecord record = new ForwardedRecord(1, HASH, TIME, "CORP\\bob", "test.escaped", "Device", null,
                "PC \"A\" [lab]", null, null, "ü ] \" \\ end", null, null, null, null, null);

        String text = SyslogMessage.of(record, SyslogFacility.LOCAL0, "h", "ams").toString();

        assertTrue(text.contains(" actor=\"CORP\\\\bob\" "), text);
        assertTrue(text.contains(" targetName=\"PC \\\"A\\\" [lab\\]\""), text);
        assertTrue(text.contains(" reason=\"ü \\] \\\" \\\\ end\"]"), text);
    }

    @Test
    @DisplayName("Header fields are printable US-ASCII, cut to RFC 5424's lengths, and '-' when empty")
    void headerFields() {
        ForwardedRecord record = new ForwardedRecord(1, HASH, TIME, "system", "a-very-long-action-name.that-goes-on",
                "Device", null, null, null, null, null, null, null, null, null, null);

        String text = SyslogMessage.of(record, SyslogFacility.LOCAL0, "h".repeat(300), "app name ü".repeat(10))
                .toString();

        String[] fields = text.split(" ", 7);
        assertEquals(255, fields[2].length(), "HOSTNAME");
        assertEquals(48, fields[3].length(), "APP-NAME");
        assertTrue(fields[3].startsWith("app_name__app_name__"), fields[3]);
        assertEquals("-", fields[4], "PROCID");
        assertEquals("a-very-long-action-name.that-goe", fields[5], "MSGID, 32 characters");
        assertEquals("-", SyslogMessage.headerField(" ", 10));
        assertEquals("-", SyslogMessage.headerField(null, 10));
    }

    @Test
    @DisplayName("A record with no number (the test message) has no seq parameter")
    void noSequence() {
        ForwardedRecord test = new ForwardedRecord(0, null, TIME, "alice", "audit-forwarding.test",
                "AuditForwarding", null, null, "Test", null, null, null, null, null, null, null);

        String text = SyslogMessage.of(test, SyslogFacility.LOCAL0, "h", "ams").toString();

        assertTrue(text.contains("[ams@32473 actor=\"alice\" action=\"audit-forwarding.test\""), text);
        assertFalse(text.contains("seq="), text);
    }

    @Test
    @DisplayName("For a datagram the MSG is shortened first, at a character boundary, ending in an ellipsis")
    void shortenedText() {
        ForwardedRecord record = new ForwardedRecord(7, HASH, TIME, "alice", "agent.policy-changed", "AgentPolicy",
                null, "Policy", "€".repeat(2000), null, null, null, null, null, null, null);
        SyslogMessage message = SyslogMessage.of(record, SyslogFacility.LOCAL0, "h", "ams");
        assertTrue(message.toBytes().length > 2048);

        byte[] datagram = message.toBytes(2048);

        assertTrue(datagram.length <= 2048 && datagram.length > 2040, "fills the datagram: " + datagram.length);
        String text = new String(datagram, StandardCharsets.UTF_8);
        assertFalse(text.contains("\uFFFD"), "no character is cut in half");
        assertTrue(text.endsWith("€…"), text.substring(text.length() - 10));
        assertTrue(text.contains("targetName=\"Policy\"]"), "the structured data is whole");
    }

    @Test
    @DisplayName("When even the structured data is too long, its values are shortened, never the sequence and hash")
    void shortenedValues() {
        ForwardedRecord record = new ForwardedRecord(8, HASH, TIME, "alice", "access.requested", "Device", "d-1",
                "PC-1", "details", "192.0.2.1", "\"".repeat(1000), "ExplicitlyDenied", "ReadRecoveryPassword",
                null, "r".repeat(1000), "c".repeat(1000));

        byte[] datagram = SyslogMessage.of(record, SyslogFacility.LOCAL0, "h", "ams").toBytes(1024);

        String text = new String(datagram, StandardCharsets.UTF_8);
        assertTrue(datagram.length <= 1024, "length " + datagram.length);
        assertTrue(text.contains("seq=\"8\" hash=\"" + HASH + "\""), text);
        assertTrue(text.contains(" reason=\"" + "\\\"".repeat(3)), "escapes are kept whole: " + text);
        assertFalse(text.contains("\\…"), "no escape is cut in half: " + text);
        assertTrue(text.contains(" rule=\"rrr"), text);
        assertTrue(text.contains("…\""), text);
    }

    private static ForwardedRecord accessRequest(String result) {
        return new ForwardedRecord(9, HASH, TIME, "helpdesk1", "access.requested", "Device", "d-42", "PC-0042",
                null, "192.0.2.10", "Locked out", result, "ReadRecoveryPassword", "r-1", "Deny contractors",
                "Security mail, Teams");
    }
}
