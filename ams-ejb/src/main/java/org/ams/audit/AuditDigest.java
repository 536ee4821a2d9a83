package org.ams.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of one audit record: SHA-256 over a canonical encoding of every field, chained to the previous record's
 * hash.
 * <p>
 * The encoding is unambiguous so that no two different records encode to the same bytes: it starts with a version
 * tag, the sequence number is 8 bytes big-endian, and every text field is either a single 0 byte (absent) or a 1
 * byte, its length in UTF-8 bytes as 4 bytes big-endian, and those bytes. The time is written in UTC with exactly
 * six fractional digits (microseconds, what both H2 and PostgreSQL store), so the hash computed when a record is
 * written is the hash computed from what the database gives back. Fields keep a fixed order; a new field goes at the
 * end under a new version tag.
 */
public final class AuditDigest {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    static final String VERSION = "ams-audit-v1";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditDigest() {
    }

    /** The hash of {@code event} as it is now, whatever its stored hash says; lower-case hex. */
    public static String of(AuditEvent event) {
        return hex(canonical(event));
    }

    /** The time as the hash covers it: UTC, truncated to microseconds. */
    public static String canonicalTime(Instant time) {
        return TIME.format(time.truncatedTo(ChronoUnit.MICROS));
    }

    static byte[] canonical(AuditEvent event) {
        Encoder out = new Encoder();
        out.text(VERSION);
        out.number(event.getSequence());
        out.text(event.getPreviousHash());
        out.text(canonicalTime(event.getOccurredAt().toInstant()));
        out.text(event.getId() == null ? null : event.getId().toString());
        out.text(event.getActor());
        out.text(event.getAction());
        out.text(event.getTargetType());
        out.text(event.getTargetId());
        out.text(event.getTargetName());
        out.text(event.getDetails());
        out.text(event.getClientAddress());
        out.text(event.getReason());
        out.text(event.getResultCode());
        out.text(event.getPermission());
        out.text(event.getRuleId());
        out.text(event.getRuleDescription());
        out.text(event.getNotificationChannels());
        return out.bytes();
    }

    private static String hex(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Length-prefixed fields, so that a boundary between two fields can never be moved. */
    private static final class Encoder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);

        void number(long value) {
            bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        }

        void text(String value) {
            if (value == null) {
                bytes.write(0);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            bytes.write(1);
            bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
            bytes.writeBytes(utf8);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
