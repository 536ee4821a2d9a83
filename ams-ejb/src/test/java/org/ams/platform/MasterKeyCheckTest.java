package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ams.protocol.RequiredTool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up check of the master key against real databases, migrated by the product's own Flyway migrations: H2 as
 * the server opens it, and PostgreSQL when one answers on 127.0.0.1:5432 (with {@code CI=true} it must).
 */
class MasterKeyCheckTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final char[] BIND_PASSWORD = "bind-secret".toCharArray();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    @DisplayName("A new database gets a new owner-only key file and its check value; later a missing or different key "
            + "stops the start with one sentence, and no new key is made")
    void newDatabaseGetsAKeyWhichLaterStartsMustHave(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.migrate(null);
            AmsSettings settings = dataDirectory("first");
            Path file = MasterKey.file(settings);
            try (Connection connection = db.connect()) {
                assertEquals(Optional.empty(), new MasterKeyCheck(settings).problemBeforeStart(connection),
                        "nothing sealed yet: the launcher lets the server set up the key");

                new MasterKeyCheck(settings).atStart(connection);

                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                String recorded = checkValue(connection).orElseThrow(() -> new AssertionError("no check value"));
                new MasterKeyCheck(settings).atStart(connection);
                assertEquals(Optional.empty(), new MasterKeyCheck(settings).problemBeforeStart(connection));
                byte[] keptKey = Files.readAllBytes(file);

                Files.delete(file);
                String missing = "The master key file " + file + " is missing, but this database holds secrets "
                        + "sealed with a master key: restore master.key from the backup taken together with this "
                        + "database, or set AMS_MASTER_KEY to that key.";
                assertEquals(Optional.of(missing), new MasterKeyCheck(settings).problemBeforeStart(connection));
                assertEquals(missing, assertThrows(MasterKey.MasterKeyException.class,
                        () -> new MasterKeyCheck(settings).atStart(connection)).getMessage());
                assertFalse(Files.exists(file), "no new key is made");

                Files.writeString(file, randomKeyBase64());
                String different = "The master key in " + file + " is not the one this database's secrets were "
                        + "sealed with: restore master.key from the backup taken together with this database, or set "
                        + "AMS_MASTER_KEY to that key.";
                assertEquals(Optional.of(different), new MasterKeyCheck(settings).problemBeforeStart(connection));
                assertEquals(different, assertThrows(MasterKey.MasterKeyException.class,
                        () -> new MasterKeyCheck(settings).atStart(connection)).getMessage());
                AmsSettings configured = AmsSettings.of(Map.of(AmsSettings.DATA_DIR, work.resolve("x").toString()),
                        Map.of("AMS_MASTER_KEY", randomKeyBase64()));
                assertEquals(Optional.of("The master key in AMS_MASTER_KEY (ams.master.key) is not the one this "
                                + "database's secrets were sealed with: set it to the key backed up together with "
                                + "this database."), new MasterKeyCheck(configured).problemBeforeStart(connection));
                assertEquals(Optional.of(recorded), checkValue(connection), "the recorded check value stays");

                Files.write(file, keptKey);
                new MasterKeyCheck(settings).atStart(connection);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    @DisplayName("An upgraded database proves the key on a sealed value, then gets its check value; a wrong or "
            + "missing key is refused and records nothing")
    void upgradedDatabaseProvesTheKeyOnASealedValue(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.migrate("16");
            AmsSettings installed = dataDirectory("installed");
            assertTrue(MasterKey.createFileIfAbsent(installed));
            try (Connection connection = db.connect()) {
                insertDirectorySource(connection, MasterKey.load(installed));
                AmsSettings empty = dataDirectory("empty");
                assertTrue(new MasterKeyCheck(empty).problemBeforeStart(connection).orElseThrow()
                        .startsWith("The master key file " + MasterKey.file(empty) + " is missing"),
                        "the launcher refuses before migrations, on the old schema");
            }
            db.migrate(null);
            try (Connection connection = db.connect()) {
                AmsSettings other = dataDirectory("other");
                MasterKey.createFileIfAbsent(other);
                MasterKey.MasterKeyException wrong = assertThrows(MasterKey.MasterKeyException.class,
                        () -> new MasterKeyCheck(other).atStart(connection));
                assertTrue(wrong.getMessage().startsWith("The master key in " + MasterKey.file(other)
                        + " is not the one"), wrong.getMessage());
                AmsSettings missing = dataDirectory("missing");
                assertThrows(MasterKey.MasterKeyException.class,
                        () -> new MasterKeyCheck(missing).atStart(connection));
                assertFalse(Files.exists(MasterKey.file(missing)), "no new key for a database with secrets");
                assertEquals(Optional.empty(), checkValue(connection), "nothing recorded for a refused key");

                new MasterKeyCheck(installed).atStart(connection);

                assertTrue(checkValue(connection).isPresent(), "the check value is recorded from the key at hand");
                assertThrows(MasterKey.MasterKeyException.class, () -> new MasterKeyCheck(other).atStart(connection),
                        "from now on the check value decides");
                assertArrayEquals(BIND_PASSWORD, MasterKey.load(installed)
                        .openText(bindPasswordSealed(connection), SealedColumn.DIRECTORY_BIND_PASSWORD.purpose()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    @DisplayName("Two servers racing to set up the first key end with one key")
    void racingServersEndWithOneKey(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.migrate(null);
            AmsSettings shared = dataDirectory("shared");
            List<Optional<String>> sameDirectory = race(db, List.of(shared, shared, shared));
            assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty()), sameDirectory,
                    "starts on one data directory read one key file");
            assertEquals(Optional.empty(), new MasterKeyCheck(shared).problemBeforeStart(db.connect()));
        }
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.migrate(null);
            AmsSettings first = dataDirectory("node-a");
            AmsSettings second = dataDirectory("node-b");

            List<Optional<String>> outcomes = race(db, List.of(first, second));

            assertEquals(1, outcomes.stream().filter(Optional::isEmpty).count(), outcomes.toString());
            AmsSettings winner = outcomes.get(0).isEmpty() ? first : second;
            AmsSettings loser = winner == first ? second : first;
            String refusal = outcomes.get(winner == first ? 1 : 0).orElseThrow();
            assertTrue(refusal.equals(new MasterKeyCheck(loser).raceLostSentence())
                    || refusal.equals(new MasterKeyCheck(loser).missingSentence()), refusal);
            assertFalse(Files.exists(MasterKey.file(loser)), "the loser keeps no key of its own");
            try (Connection connection = db.connect()) {
                assertEquals(Optional.empty(), new MasterKeyCheck(winner).problemBeforeStart(connection));
            }
        }
    }

    /** Runs the server's check for each data directory at once; each outcome is empty or the refusal. */
    private static List<Optional<String>> race(TestDatabase db, List<AmsSettings> servers) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(servers.size());
        try {
            CyclicBarrier start = new CyclicBarrier(servers.size());
            List<Future<Optional<String>>> runs = new ArrayList<>();
            for (AmsSettings settings : servers) {
                Callable<Optional<String>> run = () -> {
                    try (Connection connection = db.connect()) {
                        start.await();
                        new MasterKeyCheck(settings).atStart(connection);
                        return Optional.empty();
                    } catch (MasterKey.MasterKeyException refused) {
                        return Optional.of(refused.getMessage());
                    }
                };
                runs.add(executor.submit(run));
            }
            List<Optional<String>> outcomes = new ArrayList<>();
            for (Future<Optional<String>> run : runs) {
                outcomes.add(run.get());
            }
            return outcomes;
        } finally {
            executor.shutdownNow();
        }
    }

    private AmsSettings dataDirectory(String name) {
        return AmsSettings.of(Map.of(AmsSettings.DATA_DIR, work.resolve(name).toString()), Map.of());
    }

    private static String randomKeyBase64() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return Base64.getEncoder().encodeToString(material);
    }

    private static Optional<String> checkValue(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery(
                "SELECT sealed_check FROM master_key_check")) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    private static void insertDirectorySource(Connection connection, MasterKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO directory_source (id, name, "
                + "position, enabled, url, security, bind_dn, bind_password_sealed, user_base, group_base, "
                + "user_attribute, membership, stable_id, connect_timeout_ms, response_timeout_ms, created_at, "
                + "version) VALUES (?, 'Corp', 1, TRUE, 'ldap://ldap.example:389', 'STARTTLS', 'cn=ams', ?, "
                + "'ou=people', 'ou=groups', 'uid', 'MEMBER_OF', 'ENTRY_UUID', 5000, 10000, ?, 0)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, key.sealText(BIND_PASSWORD.clone(), SealedColumn.DIRECTORY_BIND_PASSWORD.purpose()));
            insert.setObject(3, OffsetDateTime.now());
            insert.executeUpdate();
        }
    }

    private static String bindPasswordSealed(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery(
                "SELECT bind_password_sealed FROM directory_source")) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }

    /** A throwaway database: H2 in memory with the server's flags, or a PostgreSQL database dropped afterwards. */
    private static final class TestDatabase implements AutoCloseable {

        private final String url;
        private final String user;
        private final String postgresName;

        private TestDatabase(String url, String user, String postgresName) {
            this.url = url;
            this.user = user;
            this.postgresName = postgresName;
        }

        static TestDatabase create(String kind) throws SQLException {
            if (kind.equals("h2")) {
                return new TestDatabase("jdbc:h2:mem:key-" + UUID.randomUUID() + ";MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", null);
            }
            String user = System.getenv().getOrDefault("PGUSER", "postgres");
            String name = "ams_key_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
            try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", user, "")) {
                admin.createStatement().execute("CREATE DATABASE " + name);
            } catch (SQLException unavailable) {
                RequiredTool.require(false, "PostgreSQL on 127.0.0.1:5432 (" + unavailable.getMessage() + ")");
            }
            return new TestDatabase(POSTGRES + name, user, name);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        Connection connectMigrated() throws SQLException {
            migrate(null);
            return connect();
        }

        /** Up to {@code version}, or to the latest with {@code null}. */
        void migrate(String version) {
            var configuration = Migrations.of(url).dataSource(url, user, "");
            (version == null ? configuration : configuration.target(version)).load().migrate();
        }

        @Override
        public void close() throws SQLException {
            if (postgresName == null) {
                try (Connection connection = connect()) {
                    connection.createStatement().execute("SHUTDOWN");
                }
                return;
            }
            try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", user, "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
            }
        }
    }
}
