package org.ams.platform;

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
}
