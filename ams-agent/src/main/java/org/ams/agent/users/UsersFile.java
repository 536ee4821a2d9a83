package org.ams.agent.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The device's users stated in a JSON file ({@code --users-file}), for other platforms, tests and demos: an array of
 * account names as Windows writes them, the most recent first, e.g. {@code ["CORP\\jdoe", "jdoe@corp.example"]}.
 * The same rules as on Windows apply ({@link SignedInUsers}), with the file's device named {@code computerName}.
 */
public final class UsersFile implements DeviceUsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String computerName;

    public UsersFile(Path file, String computerName) {
        this.file = file;
        this.computerName = computerName;
    }

    @Override
    public List<String> signedInUsers() throws UsersReadException {
        JsonNode names;
        try {
            names = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new UsersReadException("The users file " + file + " is not a JSON array of account names.");
        } catch (IOException e) {
            throw new UsersReadException("Cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        if (names == null || !names.isArray()) {
            throw new UsersReadException("The users file " + file + " is not a JSON array of account names.");
        }
        List<String> accounts = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw new UsersReadException("The users file " + file + " holds something other than account names.");
            }
            accounts.add(name.asText());
        }
        return SignedInUsers.of(accounts, computerName);
    }
}
