package org.ams.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a name recorded on a device matches the name a user signed in to AMS with. */
class UserNameTest {

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
        "CORP\\jdoe | jdoe",
        "CORP\\jdoe | JDoe",
        "CORP\\jdoe | jdoe@corp.example",
        "jdoe@corp.example | jdoe",
        "jdoe@Corp.Example | JDOE@corp.example",
        "corp\\JDOE | CORP\\jdoe",
        "' CORP\\jdoe ' | jdoe"})
    void matches(String recorded, String signedIn) {
        assertTrue(parse(recorded).matches(parse(signedIn)));
        assertTrue(parse(signedIn).matches(parse(recorded)));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = '|', value = {
        "CORP\\jdoe | LAB\\jdoe",
        "jdoe@corp.example | jdoe@lab.example",
        "CORP\\jdoe | jdoe2",
        "CORP\\jdoe | jd",
        "CORP\\jdoe | jdoe.admin@corp.example"})
    void doesNotMatch(String recorded, String signedIn) {
        assertFalse(parse(recorded).matches(parse(signedIn)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "CORP\\", "@corp.example", "CORP\\@corp.example", "a\tb"})
    void noAccountNoName(String text) {
        assertEquals(Optional.empty(), UserName.parse(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257})
    void atMost256Characters(int length) {
        assertEquals(length <= 256, UserName.parse("x".repeat(length)).isPresent());
    }

    private static UserName parse(String text) {
        return UserName.parse(text).orElseThrow();
    }
}
