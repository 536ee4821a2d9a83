package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmsSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("System property beats environment variable beats ams.properties beats the default")
    void precedenceFollowsMicroProfileConfig() throws Exception {
        Files.writeString(dataDir.resolve("ams.properties"), "ams.db.user=from-file\nams.db.password=file-secret\n"
                + "ams.db.url=jdbc:postgresql://file/ams\n");
        AmsSettings settings = AmsSettings.of(
                Map.of("ams.data.dir", dataDir.toString(), "ams.db.url", "jdbc:postgresql://sysprop/ams"),
                Map.of("AMS_DB_URL", "jdbc:postgresql://env/ams", "AMS_DB_USER", "from-env"));

        assertEquals("jdbc:postgresql://sysprop/ams", settings.databaseUrl());
        assertEquals("from-env", settings.databaseUser());
        assertEquals("file-secret", settings.databasePassword());
        assertEquals("fallback", settings.get("ams.unknown", "fallback"));
    }

    @Test
    @DisplayName("ams.properties is read again once it changed, and found gone once removed")
    void aChangedSettingsFileCountsAtOnce() throws Exception {
        Path file = dataDir.resolve("ams.properties");
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());
        Files.writeString(file, "ams.public.url=https://first.example\n");
        assertEquals("https://first.example", settings.find("ams.public.url").orElseThrow());
        assertEquals("https://first.example", settings.find("ams.public.url").orElseThrow(), "as read before");

        Files.writeString(file, "ams.public.url=https://second.corp.example\n");
        assertEquals("https://second.corp.example", settings.find("ams.public.url").orElseThrow());

        Files.delete(file);
        assertTrue(settings.find("ams.public.url").isEmpty());
    }

    @Test
    void dataDirectoryComesFromTheEnvironmentAndDefaultsToAmsDataInTheWorkingDirectory() {
        AmsSettings fromEnvironment = AmsSettings.of(Map.of(), Map.of("AMS_DATA_DIR", dataDir.toString()));
        AmsSettings byDefault = AmsSettings.of(Map.of(), Map.of());

        assertEquals(dataDir.toAbsolutePath(), fromEnvironment.dataDirectory());
        assertEquals(Path.of("ams-data").toAbsolutePath(), byDefault.dataDirectory());
    }

    @Test
    @DisplayName("Without a database URL AMS uses the embedded H2 file database inside the data directory")
    void embeddedDatabaseLivesInTheDataDirectory() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.data.dir", dataDir.toString()), Map.of());

        String url = settings.databaseUrl();

        assertTrue(url.startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("ams") + ";"), url);
        assertTrue(url.contains("MODE=PostgreSQL"), url);
        assertEquals(DatabaseKind.H2, DatabaseKind.of(url));
    }

    @Test
    void blankValuesCountAsUnset() {
        AmsSettings settings = AmsSettings.of(Map.of("ams.db.user", "  "), Map.of("AMS_DB_USER", ""));

        assertEquals("ams", settings.databaseUser());
    }

    @Test
    void environmentNamesFollowTheMicroProfileMapping() {
        assertEquals("AMS_DB_URL", AmsSettings.environmentName("ams.db.url"));
        assertEquals("AMS_ADMIN_PASSWORD", AmsSettings.environmentName("ams.admin.password"));
    }
}
