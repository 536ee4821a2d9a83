package org.ams.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A token's secret: {@code ams_} and 32 random bytes in URL-safe Base64 (43 characters). The prefix lets people and
 * secret scanners recognise it. Only its SHA-256 is stored: the secret carries 256 bits of randomness, so a slow,
 * salted hash would add nothing but cost on every call.
 */
record TokenSecret(String value) {

    static final String PREFIX = "ams_";
    static final int RANDOM_BYTES = 32;
    /** Length of a well-formed secret: the prefix and 43 Base64 characters. */
    static final int LENGTH = PREFIX.length() + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    static TokenSecret generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return new TokenSecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** Whether the text can be a secret at all: checked before anything is looked up. */
    static boolean wellFormed(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    String hash() {
        return hashOf(value);
    }

    /** The first characters, shown in the list so people can tell their tokens apart. */
    String hint() {
        return value.substring(0, PREFIX.length() + 6);
    }

    static String hashOf(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "TokenSecret[" + hint() + "...]";
    }
}
