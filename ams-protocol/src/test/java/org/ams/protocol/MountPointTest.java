package org.ams.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MountPointTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "C:|C:",
            "c:|C:",
            "C:\\|C:",
            "' E: '|E:",
            "C:\\Mounts\\Data|C:\\Mounts\\Data",
            "d:\\Mounts\\Data\\|D:\\Mounts\\Data",
            "C:\\Program Data\\Volume (2) #1|C:\\Program Data\\Volume (2) #1",
            "C:\\Données\\Archiv|C:\\Données\\Archiv"})
    @DisplayName("a drive letter or a folder path, with or without a trailing backslash, upper-case letter")
    void parsesToCanonicalForm(String text, String canonical) {
        MountPoint mountPoint = MountPoint.parse(text);

        assertEquals(canonical, mountPoint.value());
        assertEquals(canonical.length() == 2, mountPoint.isDriveLetter());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "C",
            "CD:",
            "1:",
            "C:\\\\",
            "C:Data",
            "C:/Data",
            "C:\\Data\\\\Archive",
            "C:\\Data\\..\\Windows",
            "C:\\Data\\.",
            "C:\\Data \\Archive",
            "C:\\Da:ta",
            "C:\\Da*ta",
            "C:\\Da?ta",
            "C:\\Da|ta",
            "C:\\Da\"ta",
            "C:\\Da<ta>",
            "C:\\Da\tta",
            "C:\\Da\u0000ta",
            "\\\\server\\share",
            "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\",
            "G:'; drop table recovery_key; --",
            "/mnt/data"})
    @DisplayName("anything else is refused, without the text in the message")
    void refusesEverythingElse(String text) {
        InvalidMountPointException refused = assertThrows(InvalidMountPointException.class,
                () -> MountPoint.parse(text));

        // Short texts such as "C" occur in the explanation itself; the message is the same for every refusal.
        assertFalse(text.length() > 6 && refused.getMessage().contains(text.strip()), refused.getMessage());
    }

    @Test
    @DisplayName("at most 64 characters, the length the server keeps")
    void lengthIsLimited() {
        String longest = "C:\\" + "a".repeat(MountPoint.MAX_LENGTH - 3);

        assertEquals(longest, MountPoint.parse(longest).value());
        assertThrows(InvalidMountPointException.class, () -> MountPoint.parse(longest + "a"));
        assertTrue(MountPoint.parse(" " + longest + " ").value().length() <= MountPoint.MAX_LENGTH);
    }
}
