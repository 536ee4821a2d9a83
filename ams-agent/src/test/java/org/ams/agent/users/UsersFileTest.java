package org.ams.agent.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --users-file}: the users of a device that is not Windows, stated as a JSON array. */
class UsersFileTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("An array of account names, read with the Windows rules")
    void readsTheArray() throws Exception {
        Path file = Files.writeString(directory.resolve("users.json"),
                "[\"CORP\\\\jdoe\", \"jdoe@corp.example\", \"corp\\\\JDOE\", \"PC-9\\\\admin\", \" \"]");

        assertEquals(List.of("CORP\\jdoe", "jdoe@corp.example"), new UsersFile(file, "PC-9").signedInUsers());
    }

    @Test
    @DisplayName("Not an array of names, or no file: refused with the file's name")
    void refusesOtherShapes() throws Exception {
        Path object = Files.writeString(directory.resolve("object.json"), "{\"users\":[]}");
        Path numbers = Files.writeString(directory.resolve("numbers.json"), "[1, 2]");
        Path broken = Files.writeString(directory.resolve("broken.json"), "[\"CORP\\\\jdoe\"");

        for (Path file : List.of(object, numbers, broken, directory.resolve("missing.json"))) {
            UsersReadException refused = assertThrows(UsersReadException.class,
                    () -> new UsersFile(file, "PC-9").signedInUsers());
            assertEquals(true, refused.getMessage().contains(file.toString()), refused.getMessage());
        }
    }
}
