package org.ams.platform;

import java.util.Locale;

/**
 * LIKE patterns for text a user typed, with {@code !} as the escape character (the queries say {@code ESCAPE '!'}):
 * the user's {@code %} and {@code _} match themselves, not any text.
 */
public final class LikePattern {

    private LikePattern() {
    }

    /** The text with {@code !}, {@code %} and {@code _} escaped. */
    public static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Matches a lower-cased column that contains the text, in any case. */
    public static String containing(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }
}
