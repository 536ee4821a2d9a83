package org.ams.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import org.ams.platform.Migrations;
import org.ams.protocol.RequiredTool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Migration V16 on a database whose access settings an administrator already changed: they stay as they were, and
 * recovery passwords are not hidden until an administrator says so. Runs on H2, and on PostgreSQL when one answers
 * on 127.0.0.1:5432 (with {@code CI=true} it must).
 */
class PasswordHidingMigrationTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    @DisplayName("H2: the access settings keep their values; passwords are not hidden")
    void h2() throws Exception {
        String url = "jdbc:h2:mem:v16-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        upgradeChangedSettings(url, "sa");
    }

    @Test
    @DisplayName("PostgreSQL: the access settings keep their values; passwords are not hidden")
    void postgresql() throws Exception {
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String database = "ams_v16_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", user, "")) {
            admin.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException unavailable) {
            RequiredTool.require(false, "PostgreSQL on 127.0.0.1:5432 (" + unavailable.getMessage() + ")");
        }
        try {
            upgradeChangedSettings(POSTGRES + database, user);
        } finally {
            try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", user, "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static void upgradeChangedSettings(String url, String user) throws Exception {
        migrate(url, user, "15");
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            db.createStatement().executeUpdate("UPDATE access_settings SET reason_mode = 'OPTIONAL', "
                    + "denied_help_text = 'Call 4711', user_per_hour = 400, version = 3 WHERE id = 1");
        }

        migrate(url, user, "16");

        try (Connection db = DriverManager.getConnection(url, user, "");
             ResultSet row = db.createStatement().executeQuery("SELECT reason_mode, denied_help_text, user_per_hour, "
                     + "version, hide_passwords_until_shown FROM access_settings WHERE id = 1")) {
            assertTrue(row.next());
            assertEquals("OPTIONAL", row.getString(1));
            assertEquals("Call 4711", row.getString(2));
            assertEquals(400, row.getInt(3));
            assertEquals(3, row.getLong(4));
            assertFalse(row.getBoolean(5), "off until an administrator turns it on");
            try (Statement unset = db.createStatement()) {
                assertThrows(SQLException.class, () -> unset.executeUpdate(
                        "UPDATE access_settings SET hide_passwords_until_shown = NULL"), "always on or off");
            }
        }
    }

    private static void migrate(String url, String user, String version) {
        Migrations.of(url).dataSource(url, user, "").target(version).load()
                .migrate();
    }
}
