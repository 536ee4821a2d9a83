package org.ams.agent.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ams.agent.identity.OwnerOnlyFiles;

/**
 * {@code rotations.json} in the data directory, readable by the agent's account only and replaced atomically on
 * every save. Kept apart from {@code agent-state.json}, which the check-in command rewrites from what it read at its
 * start. Holds protector ids and sealed envelopes, never a recovery password.
 */
public final class RotationJournalFile implements RotationJournal {

    static final String FILE = "rotations.json";

    private final Path file;
    private final ObjectMapper json = StateJson.mapper();

    public RotationJournalFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE);
    }

    @Override
    public Rotations load() throws IOException {
        if (!Files.exists(file)) {
            return Rotations.NONE;
        }
        return json.readValue(file.toFile(), Rotations.class);
    }

    @Override
    public void save(Rotations rotations) throws IOException {
        OwnerOnlyFiles.write(file, json.writeValueAsBytes(rotations));
    }
}
