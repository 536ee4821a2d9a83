package org.ams.audit.forward;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One audit record as an RFC 5424 syslog message:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [ams@32473 seq="..." hash="..." ...] BOM MSG}.
 * <p>
 * The record's fields travel in one structured-data element, so a SIEM parses them without guessing at free text; the
 * MSG repeats them as one readable line. The severity is <em>warning</em> for a refused request (a result other than
 * Success) and <em>notice</em> for everything else: granted access and administrative changes are normal but
 * significant.
 */
public final class SyslogMessage {

    /**
     * The SD-ID of AMS's element. 32473 is the example Private Enterprise Number that RFC 5612 reserves for
     * documentation; an installation that owns a number of its own is not expected to need a different ID, since the
     * element's name already says whose it is.
     */
    public static final String SD_ID = "ams@32473";
    public static final int SEVERITY_WARNING = 4;
    public static final int SEVERITY_NOTICE = 5;
    static final int MAX_HOSTNAME = 255;
    static final int MAX_APP_NAME = 48;
    static final int MAX_MSGID = 32;
    private static final String NIL = "-";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String ELLIPSIS = "…";
    /** Caps (in UTF-8 bytes) tried one after the other on SD-PARAM values when a message must fit a datagram. */
    private static final int[] VALUE_CAPS = {512, 128, 32, 8};
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final int priority;
    private final String header;
    private final List<String[]> parameters;
    private final String text;

    private SyslogMessage(int priority, String header, List<String[]> parameters, String text) {
        this.priority = priority;
        this.header = header;
        this.parameters = parameters;
        this.text = text;
    }

    /**
     * @param hostname the HOSTNAME field: how the SIEM names this server
     * @param appName  the APP-NAME field
     */
    public static SyslogMessage of(ForwardedRecord record, SyslogFacility facility, String hostname, String appName) {
        int severity = record.denied() ? SEVERITY_WARNING : SEVERITY_NOTICE;
        int priority = facility.code() * 8 + severity;
        String header = "<" + priority + ">1 "
                + TIMESTAMP.format(record.occurredAt().withOffsetSameInstant(ZoneOffset.UTC)) + " "
                + headerField(hostname, MAX_HOSTNAME) + " "
                + headerField(appName, MAX_APP_NAME) + " "
                + NIL + " "
                + headerField(record.action(), MAX_MSGID) + " ";
        List<String[]> parameters = new ArrayList<>();
        add(parameters, "seq", record.sequence() > 0 ? Long.toString(record.sequence()) : null);
        add(parameters, "hash", record.recordHash());
        add(parameters, "actor", record.actor());
        add(parameters, "action", record.action());
        add(parameters, "targetType", record.targetType());
        add(parameters, "targetId", record.targetId());
        add(parameters, "targetName", record.targetName());
        add(parameters, "clientAddress", record.clientAddress());
        add(parameters, "result", record.resultCode());
        add(parameters, "permission", record.permission());
        add(parameters, "ruleId", record.ruleId());
        add(parameters, "rule", record.ruleDescription());
        add(parameters, "channels", record.notificationChannels());
        add(parameters, "reason", record.reason());
        return new SyslogMessage(priority, header, List.copyOf(parameters), text(record));
    }

    public int priority() {
        return priority;
    }

    public int severity() {
        return priority % 8;
    }

    /** The whole message, for TCP and TLS, where the octet count frames it whatever its length. */
    public byte[] toBytes() {
        return encode(Integer.MAX_VALUE, text);
    }

    /**
     * The message in at most {@code maxOctets} bytes, for a datagram: the MSG is shortened first, then the
     * structured data's values (never the sequence number and hash, which identify the record). Nothing is cut
     * inside a UTF-8 character or an escape, and what was shortened ends in "…".
     */
    public byte[] toBytes(int maxOctets) {
        byte[] whole = toBytes();
        if (whole.length <= maxOctets) {
            return whole;
        }
        for (int cap : VALUE_CAPS) {
            byte[] withoutText = encode(cap, "");
            if (withoutText.length <= maxOctets) {
                int room = maxOctets - withoutText.length - 1 - BOM.length; // the space before the BOM
                return encode(cap, room <= ELLIPSIS.getBytes(StandardCharsets.UTF_8).length ? "" : cut(text, room));
            }
        }
        throw new IllegalArgumentException("A syslog message of this header does not fit into " + maxOctets
                + " bytes");
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    private byte[] encode(int valueCap, String message) {
        StringBuilder sd = new StringBuilder("[").append(SD_ID);
        for (String[] parameter : parameters) {
            String value = parameter[0].equals("seq") || parameter[0].equals("hash") ? parameter[1]
                    : cut(parameter[1], valueCap);
            sd.append(' ').append(parameter[0]).append("=\"").append(escape(value)).append('"');
        }
        sd.append(']');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((header + sd).getBytes(StandardCharsets.UTF_8));
        if (!message.isEmpty()) {
            out.write(' ');
            out.writeBytes(BOM);
            out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** One readable line: who did what to which object, with the result and the details. */
    private static String text(ForwardedRecord record) {
        StringBuilder line = new StringBuilder().append(record.actor()).append(' ').append(record.action())
                .append(' ').append(record.targetType());
        String target = record.targetName() != null ? record.targetName() : record.targetId();
        if (target != null) {
            line.append(" '").append(target).append('\'');
        }
        if (record.resultCode() != null) {
            line.append(": ").append(record.resultCode());
        }
        if (record.details() != null) {
            line.append(record.resultCode() != null ? "; " : ": ").append(record.details());
        }
        return line.toString();
    }

    private static void add(List<String[]> parameters, String name, String value) {
        if (value != null) {
            parameters.add(new String[] {name, value});
        }
    }

    /**
     * A header field: printable US-ASCII only (RFC 5424 section 6: PRINTUSASCII, code points 33 to 126), other
     * characters replaced by '_', at most {@code max} characters, "-" (the NILVALUE) when empty.
     */
    static String headerField(String value, int max) {
        if (value == null || value.isBlank()) {
            return NIL;
        }
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < value.length() && field.length() < max; i++) {
            char c = value.charAt(i);
            field.append(c >= 33 && c <= 126 ? c : '_');
        }
        return field.toString();
    }

    /** An SD-PARAM value: '"', '\' and ']' are escaped with a backslash (RFC 5424 section 6.3.3). */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * The value in at most {@code maxBytes} UTF-8 bytes once escaped (escaping can double its length, so the escaped
     * size is what is counted), ending in "…" when it had to be shortened. Cuts between characters, never inside a
     * surrogate pair.
     */
    static String cut(String value, int maxBytes) {
        if (maxBytes == Integer.MAX_VALUE || escapedBytes(value) <= maxBytes) {
            return value;
        }
        int budget = maxBytes - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = escapedBytes(character);
            if (used + size > budget) {
                break;
            }
            kept.append(character);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept.append(ELLIPSIS).toString();
    }

    private static int escapedBytes(String value) {
        return escape(value).getBytes(StandardCharsets.UTF_8).length;
    }
}
