package org.ams.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import org.ams.platform.LikePattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditExportWriterTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-29T04:05:06.5Z");

    @Test
    @DisplayName("CSV cells that a spreadsheet would evaluate are prefixed with a quote")
    void csvDefendsAgainstFormulaInjection() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", AuditExportWriter.csvCell("=HYPERLINK(\"http://evil\")"));
        assertEquals("'+1", AuditExportWriter.csvCell("+1"));
        assertEquals("'-2+3", AuditExportWriter.csvCell("-2+3"));
        assertEquals("'@SUM(A1)", AuditExportWriter.csvCell("@SUM(A1)"));
        assertEquals("'\tx", AuditExportWriter.csvCell("\tx"));
        assertEquals("PC-0042", AuditExportWriter.csvCell("PC-0042"), "a dash inside is harmless");
        assertEquals("", AuditExportWriter.csvCell(null));
    }

    @Test
    @DisplayName("CSV quotes cells with separators, quotes and line breaks (RFC 4180)")
    void csvQuoting() {
        assertEquals("\"a,b\"", AuditExportWriter.csvCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", AuditExportWriter.csvCell("say \"hi\""));
        assertEquals("\"two\nlines\"", AuditExportWriter.csvCell("two\nlines"));
    }

    @Test
    @DisplayName("A CSV export has a header and one line per record, every field in the header's order")
    void csvExport() {
        AuditEvent event = new AuditEvent(3, AuditDigest.GENESIS, TIME, "=cmd|' /C calc'!A0",
                AuditEntry.builder("access.requested", "Device").target("d-1", "PC, 1").resultCode("Success").build());
        StringWriter out = new StringWriter();
        AuditExportWriter writer = new AuditExportWriter(AuditExportFormat.CSV, out);

        writer.begin();
        writer.write(event);

        String[] lines = out.toString().split("\r\n");
        assertEquals(2, lines.length);
        assertEquals("sequence,occurredAt,actor,action,targetType,targetId,targetName,details,clientAddress,reason,"
                + "resultCode,permission,ruleId,ruleDescription,notificationChannels,previousHash,recordHash", lines[0]);
        assertEquals("3,2026-11-29T04:05:06.500000Z,'=cmd|' /C calc'!A0,access.requested,Device,d-1,\"PC, 1\",,,,"
                + "Success,,,,," + AuditDigest.GENESIS + "," + event.getRecordHash(), lines[1]);
    }

    @Test
    @DisplayName("A JSON lines export has one object per line, absent fields as null, the hashes included")
    void jsonLinesExport() {
        AuditEvent first = new AuditEvent(1, AuditDigest.GENESIS, TIME, "helen",
                AuditEntry.builder("access.requested", "Device").target("d-1", "PC \"1\"\n")
                        .notificationChannels(List.of("Mail", "Teams")).build());
        AuditEvent second = new AuditEvent(2, first.getRecordHash(), TIME, "admin",
                AuditEntry.builder("device.approved", "Device").build());
        StringWriter out = new StringWriter();
        AuditExportWriter writer = new AuditExportWriter(AuditExportFormat.JSON_LINES, out);

        writer.begin();
        writer.write(first);
        writer.write(second);

        String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length);
        JsonObject one = Json.createReader(new StringReader(lines[0])).readObject();
        assertEquals(1, one.getInt("sequence"));
        assertEquals("PC \"1\"\n", one.getString("targetName"));
        assertEquals("Mail, Teams", one.getString("notificationChannels"));
        assertTrue(one.isNull("reason"));
        assertEquals(first.getRecordHash(), one.getString("recordHash"));
        JsonObject two = Json.createReader(new StringReader(lines[1])).readObject();
        assertEquals(first.getRecordHash(), two.getString("previousHash"));
        assertEquals(AuditExportWriter.COLUMNS.size(), two.size());
    }

    @Test
    @DisplayName("Filter text is matched as text: its own LIKE wildcards are escaped")
    void filterWildcardsAreEscaped() {
        assertEquals("%pc!_42!%!!%", LikePattern.containing("PC_42%!"));
    }
}
