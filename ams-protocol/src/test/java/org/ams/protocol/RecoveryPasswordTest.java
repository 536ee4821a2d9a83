package org.ams.protocol;

import static org.ams.protocol.SecretAssertions.assertDoesNotReveal;
import static org.ams.protocol.SecretAssertions.assertFormatted;
import static org.ams.protocol.SecretAssertions.assertSamePassword;
import static org.ams.protocol.SecretAssertions.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;

import org.ams.protocol.InvalidRecoveryPasswordException.Reason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecoveryPasswordTest {

    /** Microsoft's documented example; its eight groups divided by 11 are the little-endian words below. */
    private static final String EXAMPLE = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String EXAMPLE_KEY_HEX = "96BC9E6B4AFE3A88AEA3FD25A21D6B31";

    @Test
    @DisplayName("the documented example parses and formats back to itself")
    void parsesDocumentedExample() {
        RecoveryPassword password = RecoveryPassword.parse(EXAMPLE);

        assertFormatted(EXAMPLE, password);
    }

    static Stream<Arguments> typedForms() {
        return Stream.of(
                Arguments.of("spaces between groups", EXAMPLE.replace('-', ' ')),
                Arguments.of("surrounding whitespace", " \t" + EXAMPLE + "\r\n"),
                Arguments.of("several spaces", EXAMPLE.replace("-", "   ")),
                Arguments.of("spaces around dashes", EXAMPLE.replace("-", " - ")),
                Arguments.of("non-breaking spaces", EXAMPLE.replace('-', '\u00A0')),
                Arguments.of("en dashes from a word processor", EXAMPLE.replace('-', '\u2013')),
                Arguments.of("a tab between groups", EXAMPLE.replace('-', '\t')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedForms")
    @DisplayName("accepts the ways people type or paste a password")
    void acceptsTypedForms(String description, String typed) {
        RecoveryPassword password = RecoveryPassword.parse(typed);

        assertFormatted(EXAMPLE, password);
    }

    @Test
    @DisplayName("the key bytes are the eight groups divided by 11, as little-endian 16-bit words")
    void keyBytesFollowMicrosoftsEncoding() {
        RecoveryPassword password = RecoveryPassword.parse(EXAMPLE);

        byte[] key = password.toKeyBytes();

        assertSameSecret(HexFormat.of().parseHex(EXAMPLE_KEY_HEX), key, "the key");
    }

    @Test
    void formatsKeyBytesAsThePasswordTheyEncode() {
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(HexFormat.of().parseHex(EXAMPLE_KEY_HEX));

        assertFormatted(EXAMPLE, password);
    }

    @Test
    @DisplayName("1,000 random keys survive key bytes -> password -> parse -> key bytes")
    void randomKeysRoundTrip() {
        long seed = 0x5EC_0DE_2025L;
        Random random = new Random(seed);
        for (int round = 0; round < 1000; round++) {
            byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
            random.nextBytes(key);

            RecoveryPassword generated = RecoveryPassword.fromKeyBytes(key);
            String formatted = generated.formatted();
            RecoveryPassword parsed = RecoveryPassword.parse(formatted);
            RecoveryPassword parsedWithSpaces = RecoveryPassword.parse(formatted.replace('-', ' '));

            assertEquals(RecoveryPassword.FORMATTED_LENGTH, formatted.length(), "length in round " + round + " (seed " + seed + ")");
            assertSameSecret(key, parsed.toKeyBytes(), "the key in round " + round + " (seed " + seed + ")");
            assertSamePassword(generated, parsedWithSpaces, "the space-separated form in round " + round);
        }
    }

    @Test
    @DisplayName("the smallest and largest keys map to 000000 and 720885 groups")
    void boundaryKeys() {
        RecoveryPassword zeros = RecoveryPassword.fromKeyBytes(new byte[16]);
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xFF);
        RecoveryPassword largest = RecoveryPassword.fromKeyBytes(ones);

        assertFormatted("000000-000000-000000-000000-000000-000000-000000-000000", zeros);
        assertFormatted("720885-720885-720885-720885-720885-720885-720885-720885", largest);
        assertSamePassword(largest, RecoveryPassword.parse(largest.formatted()), "the largest password");
    }

    static Stream<Arguments> invalidPasswords() {
        return Stream.of(
                Arguments.of("the classic fake", "123456-123456-123456-123456-123456-123456-123456-123456", Reason.CHECKSUM_MISMATCH, 1),
                Arguments.of("a typo in group five", EXAMPLE.replace("460922", "460923"), Reason.CHECKSUM_MISMATCH, 5),
                Arguments.of("a group over 720885", EXAMPLE.replace("383614", "720896"), Reason.GROUP_OUT_OF_RANGE, 4),
                Arguments.of("seven groups", EXAMPLE.substring(0, EXAMPLE.lastIndexOf('-')), Reason.WRONG_GROUP_COUNT, 0),
                Arguments.of("nine groups", EXAMPLE + "-000000", Reason.WRONG_GROUP_COUNT, 0),
                Arguments.of("no separators", EXAMPLE.replace("-", ""), Reason.WRONG_GROUP_COUNT, 0),
                Arguments.of("a trailing dash", EXAMPLE + "-", Reason.WRONG_GROUP_COUNT, 0),
                Arguments.of("a doubled dash", EXAMPLE.replaceFirst("-", "--"), Reason.BAD_SEPARATOR, 1),
                Arguments.of("a letter", EXAMPLE.replace("716078", "71607B"), Reason.NOT_A_DIGIT, 3),
                Arguments.of("the letter O for zero", EXAMPLE.replace("083446", "O83446"), Reason.NOT_A_DIGIT, 7),
                Arguments.of("Arabic-Indic digits", EXAMPLE.replace("139161", "\u0661\u0663\u0669\u0661\u0666\u0661"), Reason.NOT_A_DIGIT, 8),
                Arguments.of("a five-digit group", EXAMPLE.replace("106975", "10697"), Reason.WRONG_GROUP_LENGTH, 6),
                Arguments.of("a seven-digit group", EXAMPLE.replace("303050", "3030500"), Reason.WRONG_GROUP_LENGTH, 2),
                Arguments.of("only whitespace", " \t ", Reason.EMPTY, 0),
                Arguments.of("far too long", EXAMPLE.repeat(10), Reason.TOO_LONG, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPasswords")
    @DisplayName("rejects invalid passwords with a typed reason and the group at fault")
    void rejectsInvalidPasswords(String description, String typed, Reason reason, int group) {
        InvalidRecoveryPasswordException thrown = assertThrows(InvalidRecoveryPasswordException.class, () -> RecoveryPassword.parse(typed));

        assertEquals(reason, thrown.reason());
        assertEquals(group == 0 ? OptionalInt.empty() : OptionalInt.of(group), thrown.group());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPasswords")
    @DisplayName("rejection messages never repeat the digits that were typed")
    void rejectionMessagesDoNotRevealDigits(String description, String typed, Reason reason, int group) {
        InvalidRecoveryPasswordException thrown = assertThrows(InvalidRecoveryPasswordException.class, () -> RecoveryPassword.parse(typed));

        assertFalse(thrown.getMessage().isBlank());
        assertDoesNotReveal(thrown.getMessage(), typed);
    }

    @Test
    void rejectionMessageSaysWhichGroupAndWhy() {
        InvalidRecoveryPasswordException thrown = assertThrows(InvalidRecoveryPasswordException.class,
                () -> RecoveryPassword.parse(EXAMPLE.replace("460922", "460923")));

        assertTrue(thrown.getMessage().contains("group 5"), "names the group");
        assertTrue(thrown.getMessage().contains("divisible by 11"), "says why");
    }

    @Test
    void rejectsKeyBytesOfTheWrongLength() {
        InvalidRecoveryPasswordException thrown = assertThrows(InvalidRecoveryPasswordException.class,
                () -> RecoveryPassword.fromKeyBytes(new byte[15]));

        assertEquals(Reason.WRONG_KEY_LENGTH, thrown.reason());
    }

    @Test
    @DisplayName("toString never reveals the password")
    void toStringIsRedacted() {
        RecoveryPassword password = RecoveryPassword.parse(EXAMPLE);

        String text = password.toString();

        assertEquals("RecoveryPassword[redacted]", text);
        assertDoesNotReveal(text, EXAMPLE);
        assertDoesNotReveal(String.valueOf(password.hashCode()), EXAMPLE);
    }

    @Test
    void equalWhateverTheTypedForm() {
        RecoveryPassword dashed = RecoveryPassword.parse(EXAMPLE);
        RecoveryPassword spaced = RecoveryPassword.parse(EXAMPLE.replace('-', ' '));
        RecoveryPassword other = RecoveryPassword.parse("000000-000000-000000-000000-000000-000000-000000-000011");

        assertTrue(dashed.equals(spaced));
        assertEquals(dashed.hashCode(), spaced.hashCode());
        assertFalse(dashed.equals(other));
        assertNotEquals(null, dashed);
    }

    @Test
    @DisplayName("is immutable: arrays handed in or out are copies")
    void defensiveCopies() {
        byte[] key = HexFormat.of().parseHex(EXAMPLE_KEY_HEX);
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(key);

        Arrays.fill(key, (byte) 0);
        Arrays.fill(password.toKeyBytes(), (byte) 0);
        Arrays.fill(password.toCharArray(), '0');
        Arrays.fill(password.toAsciiBytes(), (byte) '0');

        assertFormatted(EXAMPLE, password);
    }

    @Test
    void parsesFromACharArrayWithoutChangingIt() {
        char[] typed = (" " + EXAMPLE + " ").toCharArray();
        char[] original = typed.clone();

        RecoveryPassword password = RecoveryPassword.parse(typed);

        assertFormatted(EXAMPLE, password);
        assertTrue(Arrays.equals(original, typed), "the caller's array was modified");
    }

    @Test
    void asciiAndCharFormsAreTheCanonicalText() {
        RecoveryPassword password = RecoveryPassword.parse(EXAMPLE.replace('-', ' '));

        assertSameSecret(EXAMPLE.getBytes(StandardCharsets.US_ASCII), password.toAsciiBytes(), "the ASCII form");
        assertTrue(Arrays.equals(EXAMPLE.toCharArray(), password.toCharArray()), "the char form differs (contents not shown)");
    }

    @Test
    void nullIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> RecoveryPassword.parse((String) null));
        assertThrows(NullPointerException.class, () -> RecoveryPassword.parse((char[]) null));
        assertThrows(NullPointerException.class, () -> RecoveryPassword.fromKeyBytes(null));
    }
}
