package org.ams.protocol;

/** The one check of a GUID's text form that protector ids and volume ids share. */
final class Guids {

    /** Length of a GUID without braces, {@code 8-4-4-4-12} hex digits. */
    static final int LENGTH = 36;

    private Guids() {
    }

    /** @return whether the text is a GUID in the {@code 8-4-4-4-12} form, hex digits in either case, no braces */
    static boolean isGuid(String text) {
        if (text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean dashExpected = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashExpected ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        // Character.digit would also accept full-width and other non-ASCII digits, which Windows never writes.
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
