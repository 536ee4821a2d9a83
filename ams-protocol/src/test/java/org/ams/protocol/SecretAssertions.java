package org.ams.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assertions about secrets whose failure messages never show the secret, so a failing build does not print
 * recovery passwords into logs and reports.
 */
public final class SecretAssertions {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{6}");

    private SecretAssertions() {
    }

    public static void assertSameSecret(byte[] expected, byte[] actual, String what) {
        assertTrue(Arrays.equals(expected, actual), what + " differs from what was expected (contents not shown)");
    }

    public static void assertSamePassword(RecoveryPassword expected, RecoveryPassword actual, String what) {
        assertTrue(expected.equals(actual), what + " is not the expected recovery password (contents not shown)");
    }

    public static void assertFormatted(String expected, RecoveryPassword actual) {
        assertTrue(expected.equals(actual.formatted()), "the formatted recovery password differs from what was expected (contents not shown)");
    }

    /**
     * Fails if {@code text} contains the secret or any run of six digits from it (a recovery password group).
     */
    public static void assertDoesNotReveal(String text, CharSequence secret) {
        if (text == null) {
            return;
        }
        assertFalse(secret.length() > 0 && text.contains(secret), "the text contains the whole secret");
        Matcher groups = DIGIT_RUN.matcher(secret);
        while (groups.find()) {
            assertFalse(text.contains(groups.group()), "the text contains a six-digit group of the secret");
        }
    }

    /** As {@link #assertDoesNotReveal(String, CharSequence)} for the message of an exception and of all its causes. */
    public static void assertChainDoesNotReveal(Throwable thrown, CharSequence secret) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertDoesNotReveal(t.getMessage(), secret);
            assertDoesNotReveal(t.toString(), secret);
        }
    }
}
