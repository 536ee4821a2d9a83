package org.ams.access;

import java.util.Locale;

/**
 * The start of a key protector id as a user types it from the BitLocker recovery screen: at least the eight hex
 * digits of the recovery key ID, optionally more of the GUID, in any case, with or without braces, dashes and spaces.
 */
public final class KeyIdPrefix {

    public static final int MIN_DIGITS = 8;
    private static final int GUID_DIGITS = 32;
    /** Where a GUID's dashes go, counted in hex digits before them (8-4-4-4-12). */
    private static final int[] DASHES_AFTER = {8, 12, 16, 20};

    private final String digits;

    private KeyIdPrefix(String digits) {
        this.digits = digits;
    }

    /**
     * @throws AccessRequestException when the text is not 8 to 32 hex digits once braces, dashes and spaces are gone
     */
    public static KeyIdPrefix parse(String typed) {
        StringBuilder hex = new StringBuilder();
        if (typed != null && typed.length() <= 2 * GUID_DIGITS) {
            for (char c : typed.toCharArray()) {
                if (c == '{' || c == '}' || c == '-' || Character.isWhitespace(c)) {
                    continue;
                }
                if (!isHexDigit(c)) {
                    throw invalid();
                }
                hex.append(c);
            }
        }
        if (hex.length() < MIN_DIGITS || hex.length() > GUID_DIGITS) {
            throw invalid();
        }
        return new KeyIdPrefix(hex.toString().toUpperCase(Locale.ROOT));
    }

    private static AccessRequestException invalid() {
        return new AccessRequestException("Type at least the first " + MIN_DIGITS + " characters of the recovery "
                + "key ID the BitLocker recovery screen shows (digits 0-9 and letters A-F).");
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The hex digits, upper case, without braces or dashes. */
    public String digits() {
        return digits;
    }

    /** The recovery key ID: the first eight digits, as stored beside every protector. */
    public String keyId() {
        return digits.substring(0, MIN_DIGITS);
    }

    /** A LIKE pattern for protector ids, which are stored as Windows writes them: {@code {8-4-4-4-12}}. */
    public String protectorIdPattern() {
        StringBuilder pattern = new StringBuilder("{");
        int dash = 0;
        for (int i = 0; i < digits.length(); i++) {
            if (dash < DASHES_AFTER.length && i == DASHES_AFTER[dash]) {
                pattern.append('-');
                dash++;
            }
            pattern.append(digits.charAt(i));
        }
        return pattern.append('%').toString();
    }

    @Override
    public String toString() {
        return digits;
    }
}
