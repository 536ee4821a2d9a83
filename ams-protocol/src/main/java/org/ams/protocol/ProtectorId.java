package org.ams.protocol;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The id of a BitLocker key protector: a GUID, written by Windows in braces and upper case, e.g.
 * {@code {1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}}.
 *
 * <p>The pre-boot recovery screen shows the {@linkplain #keyId() recovery key id}, the first eight hex digits, and
 * that is what a helpdesk is read over the phone.
 */
public final class ProtectorId implements Comparable<ProtectorId> {

    private static final int KEY_ID_LENGTH = 8;
    private static final String EXPECTED_FORM = "a key protector id is a GUID such as {6F9619FF-8B86-D011-B42D-00C04FC964FF}";

    private final String canonical;

    private ProtectorId(String canonical) {
        this.canonical = canonical;
    }

    /**
     * Parses a protector id with or without braces, in any letter case, with surrounding whitespace ignored.
     *
     * @param text the protector id
     * @return the protector id
     * @throws InvalidProtectorIdException if the text is not a GUID in the {@code 8-4-4-4-12} form
     */
    public static ProtectorId parse(String text) {
        Objects.requireNonNull(text, "text");
        String guid = text.strip();
        boolean opens = guid.startsWith("{");
        boolean closes = guid.endsWith("}");
        if (opens != closes) {
            throw new InvalidProtectorIdException("unbalanced braces: " + EXPECTED_FORM);
        }
        if (opens) {
            guid = guid.substring(1, guid.length() - 1);
        }
        if (!Guids.isGuid(guid)) {
            throw new InvalidProtectorIdException(EXPECTED_FORM);
        }
        return new ProtectorId("{" + guid.toUpperCase(Locale.ROOT) + "}");
    }

    /**
     * @param uuid the GUID
     * @return the protector id with that GUID
     */
    public static ProtectorId of(UUID uuid) {
        Objects.requireNonNull(uuid, "uuid");
        return new ProtectorId("{" + uuid.toString().toUpperCase(Locale.ROOT) + "}");
    }

    /** @return the canonical form, upper case in braces, as Windows writes it */
    public String value() {
        return canonical;
    }

    /** @return the recovery key id the BitLocker recovery screen shows: the first eight hex digits, upper case */
    public String keyId() {
        return canonical.substring(1, 1 + KEY_ID_LENGTH);
    }

    /** @return the GUID */
    public UUID toUuid() {
        return UUID.fromString(canonical.substring(1, canonical.length() - 1));
    }

    @Override
    public int compareTo(ProtectorId other) {
        return canonical.compareTo(other.canonical);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProtectorId that && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** @return the canonical form; protector ids are not secret */
    @Override
    public String toString() {
        return canonical;
    }
}
