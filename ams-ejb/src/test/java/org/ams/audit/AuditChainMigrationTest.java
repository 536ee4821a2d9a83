package org.ams.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.ams.protocol.RequiredTool;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 on a database that already holds audit records (written by V2's schema): they are numbered in the
 * order they happened and the chain head says they still need their hashes. Runs on H2, and on PostgreSQL when one
 * answers on 127.0.0.1:5432 (with {@code CI=true} it must).
 */
class AuditChainMigrationTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    @DisplayName("H2: existing records are numbered in time order; the head awaits their hashes")
    void h2() throws Exception {
        String url = "jdbc:h2:mem:v9-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        upgradeWithOlderRecords(url, "sa");
    }

    @Test
    @DisplayName("PostgreSQL: existing records are numbered in time order; the head awaits their hashes")
    void postgresql() throws Exception {
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String database = "ams_v9_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", user, "")) {
            admin.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException unavailable) {
            RequiredTool.require(false, "PostgreSQL on 127.0.0.1:5432 (" + unavailable.getMessage() + ")");
        }
        try {
            upgradeWithOlderRecords(POSTGRES + database, user);
        } finally {
            try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", user, "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static void upgradeWithOlderRecords(String url, String user) throws Exception {
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("2").load().migrate();
        List<UUID> inTimeOrder = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            OffsetDateTime start = OffsetDateTime.parse("2026-01-01T00:00:00Z");
            // Inserted out of time order, with ids whose order is unrelated to time.
            for (int minutes : new int[] {30, 10, 20}) {
                insert(db, UUID.randomUUID(), start.plusMinutes(minutes), "certificate.generated");
            }
            try (ResultSet rows = db.createStatement().executeQuery("SELECT id FROM audit_event ORDER BY occurred_at")) {
                while (rows.next()) {
                    inTimeOrder.add(rows.getObject(1, UUID.class));
                }
            }
        }

        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("9").load().migrate();

        try (Connection db = DriverManager.getConnection(url, user, "")) {
            List<UUID> bySequence = new ArrayList<>();
            try (ResultSet rows = db.createStatement().executeQuery(
                    "SELECT id, sequence_number, record_hash FROM audit_event ORDER BY sequence_number")) {
                long expected = 1;
                while (rows.next()) {
                    bySequence.add(rows.getObject(1, UUID.class));
                    assertEquals(expected++, rows.getLong(2));
                    assertNull(rows.getString(3), "hashed by the application, not the migration");
                }
            }
            assertEquals(inTimeOrder, bySequence);
            try (ResultSet head = db.createStatement().executeQuery(
                    "SELECT id, last_sequence, last_hash FROM audit_chain_head")) {
                head.next();
                assertEquals(1, head.getInt(1));
                assertEquals(3, head.getLong(2));
                assertNull(head.getString(3));
            }
            try (Statement second = db.createStatement()) {
                assertThrows(SQLException.class, () -> second.execute(
                        "INSERT INTO audit_chain_head (id, last_sequence) VALUES (2, 0)"), "one head only");
            }
            try (PreparedStatement duplicate = db.prepareStatement("UPDATE audit_event SET sequence_number = 1 "
                    + "WHERE sequence_number = 2")) {
                assertThrows(SQLException.class, duplicate::executeUpdate, "sequence numbers are unique");
            }
        }
    }

    private static void insert(Connection db, UUID id, OffsetDateTime at, String action) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_event (id, occurred_at, actor, action, "
                + "target_type) VALUES (?, ?, 'admin', ?, 'EncryptionCertificate')")) {
            insert.setObject(1, id);
            insert.setObject(2, at);
            insert.setString(3, action);
            insert.executeUpdate();
        }
    }

}
