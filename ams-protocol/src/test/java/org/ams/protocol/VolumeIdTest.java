package org.ams.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeIdTest {

    private static final String CANONICAL = "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\";

    @ParameterizedTest
    @ValueSource(strings = {
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\",
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}",
            "\\\\?\\Volume{3F2A1B4C-0D5E-4F60-8A71-92B3C4D5E6F7}\\",
            " \\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\\n"})
    @DisplayName("a volume GUID path, with or without its trailing backslash, in the form Windows writes it")
    void parsesToCanonicalForm(String text) {
        VolumeId id = VolumeId.parse(text);

        assertEquals(CANONICAL, id.value());
        assertEquals(VolumeId.LENGTH, id.value().length());
        assertEquals(VolumeId.parse(CANONICAL), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "C:",
            "G:'; drop table recovery_key; --",
            "Volume{11111111-2222-4333-8444-555555555555}",
            "\\\\.\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\",
            "\\\\?\\volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\",
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f}\\",
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6fg}\\",
            "\\\\?\\Volume{3f2a1b4c0d5e-4f60-8a71-92b3c4d5e6f7a}\\",
            "\\\\?\\Volume3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7\\\\",
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\\\",
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\x",
            "\\\\?\\Volume{３f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\"})
    @DisplayName("anything else is refused, without the text in the message")
    void refusesEverythingElse(String text) {
        InvalidVolumeIdException refused = assertThrows(InvalidVolumeIdException.class, () -> VolumeId.parse(text));

        // Short texts such as "C" occur in the explanation itself; the message is the same for every refusal.
        assertFalse(text.length() > 6 && refused.getMessage().contains(text.strip()), refused.getMessage());
    }

    @Test
    void nullIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> VolumeId.parse(null));
    }
}
