package org.ams.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditDigestTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-29T06:05:06.123456789+02:00");

    @Test
    @DisplayName("The hash is SHA-256 of the documented encoding (vector computed by an independent implementation)")
    void knownAnswer() throws Exception {
        AuditEvent event = new AuditEvent(42, AuditDigest.GENESIS, TIME, "helen", accessRequest());
        set(event, "id", UUID.fromString("7c0e1f2a-0000-4000-8000-00000000002a"));

        assertEquals("ceec129e8bd2ba6545a7b9eed53eb52abc7bdcbaba1b8318b488be90bc3ac248", AuditDigest.of(event));
    }

    @Test
    @DisplayName("Time is hashed in UTC with exactly six fractional digits, whatever offset or precision it came with")
    void timeIsCanonical() {
        assertEquals("2026-11-29T04:05:06.123456Z", AuditDigest.canonicalTime(TIME.toInstant()));
        assertEquals("2026-11-29T04:05:06.000000Z",
                AuditDigest.canonicalTime(OffsetDateTime.parse("2026-11-29T04:05:06Z").toInstant()));

        AuditEvent event = new AuditEvent(1, AuditDigest.GENESIS, TIME, "helen", accessRequest());
        assertEquals(ZoneOffset.UTC, event.getOccurredAt().getOffset());
        assertEquals(123_456_000, event.getOccurredAt().getNano(), "stored as the database keeps it");
    }

    @Test
    @DisplayName("A new record's stored hash matches; editing any field, or the link, makes it not match")
    void everyFieldIsCovered() throws Exception {
        for (Field field : AuditEvent.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("recordHash")) {
                continue;
            }
            AuditEvent event = new AuditEvent(7, "ab".repeat(32), TIME, "helen", accessRequest());
            assertTrue(event.hashMatches());
            field.setAccessible(true);
            Object original = field.get(event);
            field.set(event, changed(original));

            assertFalse(event.hashMatches(), "editing " + field.getName() + " is detected");
        }
    }

    @Test
    @DisplayName("Moving text from one field to the next changes the hash (fields are length-prefixed)")
    void fieldBoundariesCannotMove() throws Exception {
        AuditEvent first = new AuditEvent(1, AuditDigest.GENESIS, TIME, "ab",
                AuditEntry.builder("c", "Device").build());
        AuditEvent second = new AuditEvent(1, AuditDigest.GENESIS, TIME, "a",
                AuditEntry.builder("bc", "Device").build());
        set(second, "id", first.getId());

        assertNotEquals(AuditDigest.of(first), AuditDigest.of(second));
    }

    @Test
    @DisplayName("An absent field and an empty one hash differently")
    void absentIsNotEmpty() throws Exception {
        AuditEvent absent = new AuditEvent(1, AuditDigest.GENESIS, TIME, "helen",
                AuditEntry.builder("x", "Device").build());
        AuditEvent empty = new AuditEvent(1, AuditDigest.GENESIS, TIME, "helen",
                AuditEntry.builder("x", "Device").details("").build());
        set(empty, "id", absent.getId());

        assertNotEquals(AuditDigest.of(absent), AuditDigest.of(empty));
    }

    @Test
    @DisplayName("Chaining: a record's previous hash is the one given; re-linking it changes its own hash")
    void chaining() {
        AuditEvent first = new AuditEvent(1, AuditDigest.GENESIS, TIME, "helen", accessRequest());
        AuditEvent second = new AuditEvent(2, first.getRecordHash(), TIME, "helen", accessRequest());
        String before = second.getRecordHash();

        second.chainTo(AuditDigest.GENESIS);

        assertEquals(first.getRecordHash(), new AuditEvent(2, first.getRecordHash(), TIME, "helen",
                accessRequest()).getPreviousHash());
        assertNotEquals(before, second.getRecordHash());
        assertTrue(second.hashMatches());
        assertTrue(first.getRecordHash().matches("[0-9a-f]{64}"), first.getRecordHash());
    }

    @Test
    @DisplayName("Over-long text is shortened to fit its column, never split inside a character")
    void longTextIsShortened() {
        String emoji = "\uD83D\uDD11";
        String details = "x".repeat(AuditEvent.MAX_DETAILS - 2) + emoji + "tail";
        AuditEvent event = new AuditEvent(1, AuditDigest.GENESIS, TIME, "helen",
                AuditEntry.builder("x", "Device").details(details).reason("r".repeat(5000)).build());

        assertEquals(AuditEvent.MAX_DETAILS - 1, event.getDetails().length());
        assertTrue(event.getDetails().endsWith("x…"), "the key emoji is dropped whole");
        assertEquals(AuditEvent.MAX_TEXT, event.getReason().length());
        assertTrue(event.hashMatches());
    }

    private static AuditEntry accessRequest() {
        return AuditEntry.builder("access.requested", "Device")
                .target("d-17", "PC-0042")
                .details("Müller asked = for key")
                .clientAddress("192.0.2.7")
                .reason("Locked out")
                .resultCode("Success")
                .permission("ReadRecoveryPassword")
                .rule("rule-9", "Helpdesk may read laptops")
                .notificationChannels(List.of("Security mail", "Teams"))
                .build();
    }

    private static Object changed(Object value) {
        if (value instanceof String text) {
            return text + "!";
        }
        if (value instanceof Long number) {
            return number + 1;
        }
        if (value instanceof UUID) {
            return UUID.randomUUID();
        }
        if (value instanceof OffsetDateTime time) {
            return time.plusNanos(1000);
        }
        if (value == null) {
            return "set";
        }
        throw new IllegalArgumentException("no change defined for " + value.getClass());
    }

    private static void set(AuditEvent event, String name, Object value) throws Exception {
        Field field = AuditEvent.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(event, value);
        event.chainTo(event.getPreviousHash());
    }
}
