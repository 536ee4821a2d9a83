package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasePreflightTest {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDatabaseOpensInAWritableDataDirectory() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());

        assertNull(DatabasePreflight.check(settings));
        assertTrue(Files.exists(dataDir.resolve("db").resolve("ams.mv.db")));
    }

    @Test
    void anUnsupportedUrlIsAReasonNotACrash() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.db.url", "jdbc:oracle:thin:@db:1521/ams"), Map.of());

        String reason = DatabasePreflight.check(settings);

        assertTrue(reason.contains("AMS supports H2"), reason);
    }

    @Test
    void aMalformedMasterKeyIsOneSentenceEvenForANewDatabase() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()),
                Map.of("AMS_MASTER_KEY", "c2hvcnQ="));

        String reason = DatabasePreflight.check(settings);

        assertTrue(reason.startsWith("The master key must be 32 bytes"), reason);
    }

    @Test
    void aClusterOnTheEmbeddedDatabaseIsRefusedBeforeTheDatabaseIsMade() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());

        String reason = DatabasePreflight.check(settings, true);

        assertTrue(reason.startsWith("AMS_CLUSTER_MEMBERS is set, but the database is H2: "), reason);
        assertTrue(Files.notExists(dataDir.resolve("db")), "nothing was created");
    }

    @Test
    void aClusterOnPostgresqlGoesOnToTheConnection() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.db.url", "jdbc:postgresql://127.0.0.1:1/none"), Map.of());

        String reason = DatabasePreflight.check(settings, true);

        assertFalse(reason.contains("AMS_CLUSTER_MEMBERS"), reason);
    }
}
