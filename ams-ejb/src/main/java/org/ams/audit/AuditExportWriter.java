package org.ams.audit;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;

/**
 * Writes audit records as CSV or JSON lines, with every field of the record, its sequence number and both hashes, so
 * that an exported file can be checked against the chain.
 * <p>
 * CSV cells that a spreadsheet would run as a formula (beginning with {@code = + - @}, a tab or a carriage return) are
 * prefixed with a single quote: a user name or computer name chosen by an attacker must not execute in an auditor's
 * spreadsheet (CSV injection).
 */
public final class AuditExportWriter {

    /** The columns, in file order. */
    static final List<Column> COLUMNS = List.of(
            new Column("sequence", event -> Long.toString(event.getSequence())),
            new Column("occurredAt", event -> AuditDigest.canonicalTime(event.getOccurredAt().toInstant())),
            new Column("actor", AuditEvent::getActor),
            new Column("action", AuditEvent::getAction),
            new Column("targetType", AuditEvent::getTargetType),
            new Column("targetId", AuditEvent::getTargetId),
            new Column("targetName", AuditEvent::getTargetName),
            new Column("details", AuditEvent::getDetails),
            new Column("clientAddress", AuditEvent::getClientAddress),
            new Column("reason", AuditEvent::getReason),
            new Column("resultCode", AuditEvent::getResultCode),
            new Column("permission", AuditEvent::getPermission),
            new Column("ruleId", AuditEvent::getRuleId),
            new Column("ruleDescription", AuditEvent::getRuleDescription),
            new Column("notificationChannels", AuditEvent::getNotificationChannels),
            new Column("previousHash", AuditEvent::getPreviousHash),
            new Column("recordHash", AuditEvent::getRecordHash));

    private final AuditExportFormat format;
    private final Writer out;
    private final JsonProvider json;

    /** One named field of a record. */
    record Column(String name, Function<AuditEvent, String> value) {
    }

    public AuditExportWriter(AuditExportFormat format, Writer out) {
        this.format = format;
        this.out = out;
        // Looked up once: JsonProvider.provider() searches the class path on every call.
        this.json = format == AuditExportFormat.JSON_LINES ? JsonProvider.provider() : null;
    }

    /** The CSV header line; nothing for JSON lines, whose objects name their fields. */
    public void begin() {
        if (format == AuditExportFormat.CSV) {
            line(COLUMNS.stream().map(Column::name).toList());
        }
    }

    public void write(AuditEvent event) {
        if (format == AuditExportFormat.CSV) {
            line(COLUMNS.stream().map(column -> column.value().apply(event)).toList());
        } else {
            JsonObjectBuilder object = json.createObjectBuilder();
            for (Column column : COLUMNS) {
                String value = column.value().apply(event);
                if (column.name().equals("sequence")) {
                    object.add(column.name(), event.getSequence());
                } else if (value == null) {
                    object.addNull(column.name());
                } else {
                    object.add(column.name(), value);
                }
            }
            append(object.build().toString());
            append("\n");
        }
    }

    /** A CSV cell: defended against formula injection, then quoted when it holds a separator, quote or line break. */
    static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String cell = startsLikeAFormula(value) ? "'" + value : value;
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private void line(List<String> values) {
        append(String.join(",", values.stream().map(AuditExportWriter::csvCell).toList()));
        append("\r\n");
    }

    private void append(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
