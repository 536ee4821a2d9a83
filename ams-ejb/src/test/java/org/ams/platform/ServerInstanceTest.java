package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a server's id, kept in its data directory, and the claims of its earlier processes")
class ServerInstanceTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("made at the first start, the same at every start after; a damaged file gives a process an id of its own")
    void keptInTheDataDirectory() throws Exception {
        Path file = data.resolve("new").resolve(ServerInstance.FILE);
        String made = ServerInstance.readOrCreate(file);
        assertEquals(made, Files.readString(file).strip());
        assertEquals(made, ServerInstance.readOrCreate(file), "the next start reads it");
        UUID.fromString(made);

        Files.writeString(file, "not an id");
        String own = ServerInstance.readOrCreate(file);
        assertNotEquals(made, own);
        assertNotEquals(own, ServerInstance.readOrCreate(file), "each process then has its own");
    }

    @Test
    @DisplayName("a claim of an earlier process of this server is recognised; this process's and other servers' are not")
    void earlierProcesses() {
        String before = System.getProperty(AmsSettings.DATA_DIR);
        System.setProperty(AmsSettings.DATA_DIR, data.toString());
        String process;
        try {
            process = ServerInstance.process();
        } finally {
            if (before == null) {
                System.clearProperty(AmsSettings.DATA_DIR);
            } else {
                System.setProperty(AmsSettings.DATA_DIR, before);
            }
        }
        String server = process.substring(0, process.indexOf('/'));
        assertTrue(ServerInstance.earlierProcessOfThisServer(server + "/" + UUID.randomUUID()));
        assertFalse(ServerInstance.earlierProcessOfThisServer(process), "this process's own claims are live");
        assertFalse(ServerInstance.earlierProcessOfThisServer(UUID.randomUUID() + "/" + UUID.randomUUID()),
                "another server's");
        assertFalse(ServerInstance.earlierProcessOfThisServer(null), "a claim of a server of the previous version");
        assertFalse(ServerInstance.earlierProcessOfThisServer(server), "not a process of it");
        assertTrue(process.length() <= 80, "fits the claimed_by column");
    }
}
