package org.ams.agent.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ams.agent.identity.OwnerOnlyFiles;

/** {@code agent-state.json} in the data directory. */
public final class AgentStateStore {

    static final String FILE = "agent-state.json";

    private final Path file;
    private final ObjectMapper json = StateJson.mapper();

    public AgentStateStore(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE);
    }

    public Optional<AgentState> find() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(file.toFile(), AgentState.class));
    }

    /** The state, or a clear refusal when the device has not been registered with this data directory. */
    public AgentState get() throws IOException {
        return find().orElseThrow(() -> new IOException("This agent is not registered yet (no " + file + "). Run "
                + "'ams-agent register --server URL --registration-key KEY' first."));
    }

    public void save(AgentState state) throws IOException {
        OwnerOnlyFiles.write(file, json.writeValueAsBytes(state));
    }
}
