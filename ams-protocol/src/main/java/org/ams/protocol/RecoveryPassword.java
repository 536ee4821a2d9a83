package org.ams.protocol;

import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import org.ams.protocol.InvalidRecoveryPasswordException.Reason;

/**
 * A BitLocker recovery password: 48 digits in eight groups of six, each group {@code 11 * k} with
 * {@code 0 <= k < 65536}, together encoding a 128-bit key (each {@code k} is one little-endian 16-bit word).
 *
 * <p>Instances are immutable and hold only the 16 key bytes. The password never appears in {@link #toString()},
 * in exception messages or in {@link #hashCode()}; callers who need the digits ask for them explicitly with
 * {@link #formatted()}, {@link #toCharArray()} or {@link #toAsciiBytes()}, and should prefer the array forms, which
 * they can wipe.
 */
public final class RecoveryPassword {

    /** Number of digit groups in a recovery password. */
    public static final int GROUP_COUNT = 8;
    /** Number of digits in one group. */
    public static final int GROUP_LENGTH = 6;
    /** Length of the key a recovery password encodes, in bytes. */
    public static final int KEY_LENGTH = 16;
    /** Length of the canonical dashed form, {@code 123456-...-123456}. */
    public static final int FORMATTED_LENGTH = GROUP_COUNT * GROUP_LENGTH + GROUP_COUNT - 1;

    private static final int CHECK_DIVISOR = 11;
    private static final int MAX_WORD = 0xFFFF;
    private static final int MAX_GROUP = MAX_WORD * CHECK_DIVISOR;
    /** Generous room for typed separators; anything longer is not worth scanning. */
    private static final int MAX_INPUT_LENGTH = 4 * FORMATTED_LENGTH;

    private final byte[] key;

    private RecoveryPassword(byte[] key) {
        this.key = key;
    }

    /**
     * Parses a recovery password as a user types or copies it.
     *
     * <p>Accepts eight groups of six digits separated by a dash or by spaces (a dash may have spaces around it), with
     * any whitespace around the whole. Typographic dashes and non-breaking spaces, which appear when the password is
     * copied from a document or web page, count as separators too.
     *
     * @param text the typed password
     * @return the recovery password
     * @throws InvalidRecoveryPasswordException if the text is not a valid recovery password; the message says which
     *         group is wrong and why, without repeating its digits
     */
    public static RecoveryPassword parse(String text) {
        Objects.requireNonNull(text, "text");
        return parseChars(text);
    }

    /**
     * Parses a recovery password held in a char array, so the caller can wipe the array afterwards. Same rules as
     * {@link #parse(String)}; the array is not modified.
     *
     * @param text the typed password
     * @return the recovery password
     * @throws InvalidRecoveryPasswordException if the text is not a valid recovery password
     */
    public static RecoveryPassword parse(char[] text) {
        Objects.requireNonNull(text, "text");
        return parseChars(CharBuffer.wrap(text));
    }

    /**
     * The recovery password that encodes a 128-bit key.
     *
     * @param keyBytes 16 bytes; copied
     * @return the recovery password
     * @throws InvalidRecoveryPasswordException if {@code keyBytes} is not 16 bytes long
     */
    public static RecoveryPassword fromKeyBytes(byte[] keyBytes) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (keyBytes.length != KEY_LENGTH) {
            throw new InvalidRecoveryPasswordException(Reason.WRONG_KEY_LENGTH,
                    "a recovery password encodes exactly " + KEY_LENGTH + " key bytes, not " + keyBytes.length);
        }
        return new RecoveryPassword(keyBytes.clone());
    }

    private static RecoveryPassword parseChars(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new InvalidRecoveryPasswordException(Reason.EMPTY, "no recovery password was given");
        }
        if (end - start > MAX_INPUT_LENGTH) {
            throw new InvalidRecoveryPasswordException(Reason.TOO_LONG, "the text is far too long to be a recovery password");
        }

        // Find the groups first, so a user who typed seven groups hears "seven groups" rather than a confusing
        // complaint about whichever group the missing one shifted.
        int[] groupStart = new int[GROUP_COUNT];
        int[] groupEnd = new int[GROUP_COUNT];
        int groups = 0;
        int position = start;
        while (true) {
            int tokenStart = position;
            while (position < end && !isSpace(text.charAt(position)) && !isDash(text.charAt(position))) {
                position++;
            }
            if (groups < GROUP_COUNT) {
                groupStart[groups] = tokenStart;
                groupEnd[groups] = position;
            }
            groups++;
            if (position == end) {
                break;
            }
            int dashes = 0;
            while (position < end && (isSpace(text.charAt(position)) || isDash(text.charAt(position)))) {
                if (isDash(text.charAt(position))) {
                    dashes++;
                }
                position++;
            }
            if (dashes > 1) {
                throw new InvalidRecoveryPasswordException(Reason.BAD_SEPARATOR, groups,
                        "group " + groups + " is followed by more than one dash; separate the groups with a single dash or with spaces");
            }
        }
        if (groups != GROUP_COUNT) {
            throw new InvalidRecoveryPasswordException(Reason.WRONG_GROUP_COUNT,
                    "a recovery password has " + GROUP_COUNT + " groups of " + GROUP_LENGTH
                            + " digits separated by dashes or spaces, but " + groups + (groups == 1 ? " group was" : " groups were") + " found");
        }

        byte[] key = new byte[KEY_LENGTH];
        for (int index = 0; index < GROUP_COUNT; index++) {
            int word;
            try {
                word = word(text, groupStart[index], groupEnd[index], index + 1);
            } catch (InvalidRecoveryPasswordException e) {
                Arrays.fill(key, (byte) 0);
                throw e;
            }
            key[2 * index] = (byte) word;
            key[2 * index + 1] = (byte) (word >>> 8);
        }
        return new RecoveryPassword(key);
    }

    private static int word(CharSequence text, int start, int end, int groupNumber) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidRecoveryPasswordException(Reason.NOT_A_DIGIT, groupNumber,
                        "group " + groupNumber + " contains a character that is not a digit");
            }
        }
        if (end - start != GROUP_LENGTH) {
            throw new InvalidRecoveryPasswordException(Reason.WRONG_GROUP_LENGTH, groupNumber,
                    "group " + groupNumber + " has " + (end - start) + " digits instead of " + GROUP_LENGTH);
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        if (value % CHECK_DIVISOR != 0) {
            throw new InvalidRecoveryPasswordException(Reason.CHECKSUM_MISMATCH, groupNumber,
                    "group " + groupNumber + " fails BitLocker's check (it is not divisible by " + CHECK_DIVISOR
                            + "), so it was probably mistyped");
        }
        if (value > MAX_GROUP) {
            throw new InvalidRecoveryPasswordException(Reason.GROUP_OUT_OF_RANGE, groupNumber,
                    "group " + groupNumber + " is larger than any BitLocker group can be (" + MAX_GROUP + ")");
        }
        return value / CHECK_DIVISOR;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isDash(char c) {
        // U+2010..U+2013 (hyphen, non-breaking hyphen, figure dash, en dash) and U+2212 (minus) are what word
        // processors and web pages turn a typed '-' into.
        return c == '-' || (c >= '\u2010' && c <= '\u2013') || c == '\u2212';
    }

    /**
     * @return the 128-bit key the eight groups encode, as a new array the caller should wipe when done
     */
    public byte[] toKeyBytes() {
        return key.clone();
    }

    /**
     * @return the canonical dashed form, {@code ddddddd-...-dddddd}, as a new array the caller should wipe when done
     */
    public char[] toCharArray() {
        char[] chars = new char[FORMATTED_LENGTH];
        int position = 0;
        for (int index = 0; index < GROUP_COUNT; index++) {
            if (index > 0) {
                chars[position++] = '-';
            }
            int group = ((key[2 * index] & 0xFF) | (key[2 * index + 1] & 0xFF) << 8) * CHECK_DIVISOR;
            for (int digit = GROUP_LENGTH - 1; digit >= 0; digit--) {
                chars[position + digit] = (char) ('0' + group % 10);
                group /= 10;
            }
            position += GROUP_LENGTH;
        }
        return chars;
    }

    /**
     * @return the canonical dashed form in US-ASCII, as a new array the caller should wipe when done; this is what
     *         the envelope carries
     */
    public byte[] toAsciiBytes() {
        char[] chars = toCharArray();
        byte[] bytes = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            bytes[i] = (byte) chars[i];
        }
        Arrays.fill(chars, '\0');
        return bytes;
    }

    /**
     * The canonical dashed form, as BitLocker shows it.
     *
     * <p>A {@code String} cannot be wiped; use it only where the password is shown to a person who is allowed to see
     * it, never for logs.
     *
     * @return the password, e.g. {@code 531058-303050-716078-383614-460922-106975-083446-139161}
     */
    public String formatted() {
        char[] chars = toCharArray();
        try {
            return new String(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Compares in time independent of where the passwords differ, so a comparison leaks no prefix. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecoveryPassword that && MessageDigest.isEqual(key, that.key);
    }

    /**
     * A constant: any value derived from the key would leak some of it wherever hash codes are printed or measured.
     * Recovery passwords are compared one at a time, never kept in large hash tables, so this costs nothing real.
     */
    @Override
    public int hashCode() {
        return 1;
    }

    /** @return a fixed text that never contains the password */
    @Override
    public String toString() {
        return "RecoveryPassword[redacted]";
    }
}
