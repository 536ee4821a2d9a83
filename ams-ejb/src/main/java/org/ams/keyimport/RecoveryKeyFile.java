package org.ams.keyimport;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ams.protocol.InvalidProtectorIdException;
import org.ams.protocol.InvalidRecoveryPasswordException;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.wire.DriveType;

/**
 * A CSV file of recovery passwords, as an administrator exports them from a spreadsheet or from ConfigMgr/MBAM: read
 * and checked row by row, before anything is matched against what AMS holds.
 * <p>
 * The file is UTF-8 (a byte order mark is skipped) and begins with a header line that names the columns, in any order
 * and letter case: the computer, the key id (the recovery key's whole GUID), the recovery password, and optionally
 * the volume type, the volume GUID and when the password was created. Fields are separated by commas (or semicolons,
 * as spreadsheets write CSV in some languages, or tabs: whichever the header line uses) and may be quoted as RFC 4180
 * quotes them. A row whose problem is its own is a {@link BadRow} with its line number; a file that cannot be read as a
 * whole (too large, not UTF-8, no header) is a {@link KeyImportException}.
 * <p>
 * No message says a digit of a recovery password: a bad row names the column and what is wrong with it, as
 * {@link RecoveryPassword#parse} does, and never repeats the field. A computer name that a spreadsheet would run as a
 * formula ({@code = + - @}, a tab or a carriage return first) is refused, so that AMS never keeps it.
 */
public final class RecoveryKeyFile {

    /** At most 5 MiB: 10,000 rows with long names and every column take about 2 MiB. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** At most this many rows (after the header line); larger sets go in several files. */
    public static final int MAX_ROWS = 10_000;
    /** No field of a valid row is longer (a device name is at most 255 characters). */
    public static final int MAX_FIELD = 255;

    /** The columns AMS reads, and the header names it accepts for each (compared without case, spaces or _ -). */
    public enum Column {
        COMPUTER(true, "computer name", "computername", "computer", "name", "machinename", "machine", "devicename",
                "hostname"),
        KEY_ID(true, "key id", "keyid", "recoverykeyid", "recoverykeyguid", "recoveryguid", "protectorid",
                "msfverecoveryguid"),
        PASSWORD(true, "recovery password", "recoverypassword", "recoverykey", "password", "msfverecoverypassword"),
        VOLUME_TYPE(false, "volume type", "volumetype", "volumetypeid", "drivetype"),
        VOLUME_ID(false, "volume id", "volumeid", "volumeguid", "msfvevolumeguid"),
        CREATED(false, "created", "created", "createdat", "lastupdatetime", "whencreated", "date");

        private final boolean required;
        private final String label;
        private final List<String> names;

        Column(boolean required, String label, String... names) {
            this.required = required;
            this.label = label;
            this.names = List.of(names);
        }

        public String label() {
            return label;
        }

        static Column named(String header) {
            String key = header.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
            for (Column column : values()) {
                if (column.names.contains(key)) {
                    return column;
                }
            }
            return null;
        }
    }

    /**
     * One valid row: what it says, checked on its own.
     *
     * @param line      the line the row begins on (the header is line 1)
     * @param computer  the computer name as written, trimmed
     * @param volumeId  the volume GUID as {@code {GUID}}, or {@code null} when the file has none
     * @param driveType the drive type, or {@code null} when the file does not say
     * @param createdAt when the password was created, or {@code null} when the file does not say
     */
    public record Row(int line, String computer, ProtectorId keyId, RecoveryPassword password, DriveType driveType,
                      String volumeId, OffsetDateTime createdAt) {
    }

    /** A row that cannot be imported, by its line number, with the reason (never a digit of its password). */
    public record BadRow(int line, String reason) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The file's rows: valid ones and bad ones, each in file order, and the header's columns in file order. */
    public record Content(List<Column> columns, List<Row> rows, List<BadRow> badRows) {
        public int rowCount() {
            return rows.size() + badRows.size();
        }
    }

    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private RecoveryKeyFile() {
    }

    /**
     * Reads a whole file.
     *
     * @throws KeyImportException if the file cannot be read as a whole: empty, larger than {@link #MAX_BYTES}, not
     *                            UTF-8, without a header naming the required columns, or with more than
     *                            {@link #MAX_ROWS} rows
     */
    public static Content read(byte[] file) {
        if (file == null || file.length == 0) {
            throw new KeyImportException("The file is empty.");
        }
        if (file.length > MAX_BYTES) {
            throw new KeyImportException("The file is " + (file.length + 1023) / 1024 + " KiB; at most "
                    + MAX_BYTES / 1024 / 1024 + " MiB are read. Split it into several files.");
        }
        String text = decode(file);
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw new KeyImportException("The file holds no lines.");
        }
        Record header = records.get(0);
        List<Column> columns = header(header);
        if (records.size() - 1 > MAX_ROWS) {
            throw new KeyImportException("The file has " + (records.size() - 1) + " rows; at most " + MAX_ROWS
                    + " are read at once. Split it into several files.");
        }
        List<Row> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.error() != null) {
                bad.add(new BadRow(record.line(), record.error()));
                continue;
            }
            if (record.fields().size() != columns.size()) {
                bad.add(new BadRow(record.line(), "it has " + record.fields().size() + " column(s); the header has "
                        + columns.size() + "."));
                continue;
            }
            try {
                rows.add(row(record, columns));
            } catch (RowException e) {
                bad.add(new BadRow(record.line(), e.getMessage()));
            }
        }
        return new Content(columns, rows, bad);
    }

    private static String decode(byte[] file) {
        if (file.length >= 2 && ((file[0] == (byte) 0xFF && file[1] == (byte) 0xFE)
                || (file[0] == (byte) 0xFE && file[1] == (byte) 0xFF))) {
            throw new KeyImportException("The file is UTF-16 text; save it as CSV UTF-8 (in Excel: Save as, "
                    + "CSV UTF-8) and import it again.");
        }
        int start = file.length >= 3 && file[0] == (byte) 0xEF && file[1] == (byte) 0xBB && file[2] == (byte) 0xBF
                ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(file, start, file.length - start);
        CharBuffer chars;
        try {
            chars = decoder.decode(bytes);
        } catch (MalformedInputException e) {
            int offset = bytes.position();
            throw new KeyImportException("The file is not UTF-8 text: the bytes at line "
                    + lineAt(file, start, offset) + " cannot be read as UTF-8 (a file saved as Windows-1252 or "
                    + "ISO-8859-1 looks like this). Save it as CSV UTF-8 and import it again.");
        } catch (CharacterCodingException e) {
            throw new KeyImportException("The file is not UTF-8 text; save it as CSV UTF-8 and import it again.");
        }
        String text = chars.toString();
        if (text.indexOf('\0') >= 0) {
            throw new KeyImportException("The file holds NUL characters: it is not a text file, or it is UTF-16 "
                    + "without a byte order mark. Save it as CSV UTF-8 and import it again.");
        }
        return text;
    }

    private static int lineAt(byte[] file, int from, int offset) {
        int line = 1;
        for (int i = from; i < Math.min(offset, file.length); i++) {
            if (file[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** One CSV record: the line it begins on, its fields, or why it could not be split into fields. */
    private record Record(int line, List<String> fields, String error) {
    }

    /**
     * Splits the text into records as RFC 4180 does (a quoted field may hold separators, doubled quotes and line
     * breaks), skipping empty lines. The separator is the one the first line uses.
     */
    private static List<Record> records(String text) {
        char separator = separator(text);
        List<Record> records = new ArrayList<>();
        int line = 1;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String error = null;
            boolean quoted = false;
            boolean afterQuote = false;
            boolean lineEnded = false;
            while (i < length && !lineEnded) {
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < length && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                            afterQuote = true;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == separator) {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && i < length && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    lineEnded = true;
                } else if (c == '"' && field.toString().isBlank() && !afterQuote) {
                    quoted = true;
                    field.setLength(0);
                } else if (afterQuote && !Character.isWhitespace(c)) {
                    error = error == null ? "a quoted field is followed by more text before the next separator."
                            : error;
                } else if (!afterQuote) {
                    field.append(c);
                }
            }
            if (quoted) {
                error = "a quoted field is not closed before the end of the file.";
            }
            fields.add(field.toString());
            boolean empty = fields.size() == 1 && fields.get(0).isBlank() && error == null;
            if (!empty) {
                records.add(new Record(recordLine, fields, error));
            }
        }
        return records;
    }

    private static char separator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static List<Column> header(Record header) {
        if (header.error() != null) {
            throw new KeyImportException("The header line cannot be read: " + header.error());
        }
        List<Column> columns = new ArrayList<>();
        Map<Column, Integer> seen = new HashMap<>();
        for (String name : header.fields()) {
            Column column = Column.named(name.strip());
            if (column != null && seen.containsKey(column)) {
                throw new KeyImportException("The header names the " + column.label() + " twice.");
            }
            if (column != null) {
                seen.put(column, columns.size());
            }
            columns.add(column);
        }
        List<String> missing = Arrays.stream(Column.values()).filter(c -> c.required && !seen.containsKey(c))
                .map(Column::label).toList();
        if (!missing.isEmpty()) {
            throw new KeyImportException("The first line must be the header naming the columns, e.g. "
                    + "\"Computer name,Key ID,Recovery password,Volume type,Created\"; it has no column for the "
                    + String.join(", ", missing) + ".");
        }
        return columns;
    }

    private static Row row(Record record, List<Column> columns) {
        Map<Column, String> values = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) != null) {
                values.put(columns.get(i), record.fields().get(i).strip());
            }
        }
        String rawComputer = record.fields().get(columns.indexOf(Column.COMPUTER));
        if (looksLikeFormula(rawComputer)) {
            // Checked before the whitespace is trimmed: a tab or carriage return first is a formula too.
            throw new RowException(formula(rawComputer.charAt(0)));
        }
        String computer = computerName(values.get(Column.COMPUTER));
        ProtectorId keyId = keyId(values.get(Column.KEY_ID));
        RecoveryPassword password = password(values.get(Column.PASSWORD));
        DriveType driveType = driveType(values.get(Column.VOLUME_TYPE));
        String volumeId = volumeId(values.get(Column.VOLUME_ID));
        OffsetDateTime created = created(values.get(Column.CREATED));
        return new Row(record.line(), computer, keyId, password, driveType, volumeId, created);
    }

    /** Whether a spreadsheet would run the text as a formula (CSV injection). */
    public static boolean looksLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static String computerName(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new RowException("the computer name is empty.");
        }
        if (raw.length() > MAX_FIELD) {
            throw new RowException("the computer name is longer than " + MAX_FIELD + " characters.");
        }
        if (looksLikeFormula(raw)) {
            // Not repeated: the page is HTML, but the reason may travel on to a spreadsheet.
            throw new RowException(formula(raw.charAt(0)));
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw new RowException("the computer name contains control characters.");
        }
        if (raw.chars().anyMatch(c -> "\\/:*?\"<>|,;=+@".indexOf(c) >= 0)) {
            throw new RowException("the computer name contains a character computer names cannot have "
                    + "(\\ / : * ? \" < > | , ; = + @).");
        }
        return raw;
    }

    private static String formula(char first) {
        return "the computer name begins with " + describe(first) + ", which a spreadsheet runs as a formula; no "
                + "computer name does. Refused.";
    }

    private static String describe(char c) {
        return switch (c) {
            case '\t' -> "a tab";
            case '\r' -> "a carriage return";
            default -> "'" + c + "'";
        };
    }

    private static ProtectorId keyId(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new RowException("the key id is empty.");
        }
        if (raw.length() > MAX_FIELD) {
            throw new RowException("the key id is longer than " + MAX_FIELD + " characters.");
        }
        try {
            return ProtectorId.parse(raw);
        } catch (InvalidProtectorIdException e) {
            String hex = raw.replace("{", "").replace("}", "");
            if (hex.matches("[0-9A-Fa-f]{8}")) {
                throw new RowException("the key id must be the recovery key's whole GUID; the 8 characters the "
                        + "recovery screen shows are not enough.");
            }
            throw new RowException("the key id is not a GUID such as {6F9619FF-8B86-D011-B42D-00C04FC964FF}.");
        }
    }

    private static RecoveryPassword password(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new RowException("the recovery password is empty.");
        }
        if (raw.length() > MAX_FIELD) {
            throw new RowException("the recovery password is longer than " + MAX_FIELD + " characters.");
        }
        try {
            return RecoveryPassword.parse(raw);
        } catch (InvalidRecoveryPasswordException e) {
            // Its message says which group is wrong and why, never the digits.
            throw new RowException("the recovery password is not valid: " + e.getMessage() + ".");
        }
    }

    /** Win32_EncryptableVolume's VolumeType (0, 1, 2) or its name; empty when the file does not say. */
    static DriveType driveType(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String key = raw.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
        return switch (key) {
            case "0", "os", "operatingsystem", "operatingsystemdrive", "osdrive", "system" -> DriveType.OS;
            case "1", "fixed", "fixeddata", "fixeddatadrive", "data" -> DriveType.FIXED;
            case "2", "removable", "removabledata", "removabledatadrive", "portable" -> DriveType.REMOVABLE;
            default -> throw new RowException("the volume type is not one of 0 (operating system), 1 (fixed data), "
                    + "2 (removable data) or their names.");
        };
    }

    private static String volumeId(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return ProtectorId.parse(raw.length() > MAX_FIELD ? "not a guid" : raw).value();
        } catch (InvalidProtectorIdException e) {
            throw new RowException("the volume id is not a GUID.");
        }
    }

    /** ISO 8601 with an offset; without one (also with a space for the T) or a date alone, as UTC. */
    static OffsetDateTime created(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        OffsetDateTime created;
        try {
            created = OffsetDateTime.parse(raw.replace(' ', 'T'));
        } catch (DateTimeParseException withoutOffset) {
            try {
                created = LocalDateTime.parse(raw, LOCAL_TIME).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    created = LocalDate.parse(raw).atStartOfDay().atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new RowException("the created time is not a date or time such as 2026-12-01, "
                            + "2026-12-01 14:30:00 (UTC) or 2026-12-01T14:30:00+01:00.");
                }
            }
        }
        if (created.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1))) {
            throw new RowException("the created time lies in the future.");
        }
        return created.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A problem of one row; its message is the reason shown with the line number. */
    private static final class RowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowException(String message) {
            super(message, null, false, false);
        }
    }
}
