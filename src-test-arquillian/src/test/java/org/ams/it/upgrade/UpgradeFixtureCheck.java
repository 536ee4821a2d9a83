package org.ams.it.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ams.platform.AmsSettings;

/**
 * Proves the upgrade fixture outside any server, on both databases: fills a fresh embedded H2 database (the URL the
 * server derives from its data directory) and a fresh throwaway PostgreSQL database, reads everything back, runs
 * the remaining migrations to the newest version as the server's start would, and then checks that no table lost,
 * gained or changed a row and that every row is still readable (secrets open, the audit chain recomputes).
 * <p>
 * A developer's tool, not a test the build runs: {@code java -cp <test classpath> org.ams.it.upgrade.UpgradeFixtureCheck
 * [h2] [postgresql]}. PostgreSQL is expected on 127.0.0.1:5432 (user from {@code PGUSER}, default postgres, trust
 * authentication); its database is dropped afterwards. Prints counts only, never a secret.
 */
public final class UpgradeFixtureCheck {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    /** Held, so that its level is not lost when the logger would otherwise be collected. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    private UpgradeFixtureCheck() {
    }

    public static void main(String[] args) throws Exception {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        List<String> databases = args.length == 0 ? List.of("h2", "postgresql") : List.of(args);
        for (String database : databases) {
            if (database.equals("h2")) {
                h2();
            } else if (database.equals("postgresql")) {
                postgresql();
            } else {
                throw new IllegalArgumentException("h2 or postgresql, not " + database);
            }
        }
    }

    private static void h2() throws Exception {
        Path work = Files.createTempDirectory("ams-upgrade-check-");
        Path data = work.resolve("data");
        String url = AmsSettings.of(Map.of(AmsSettings.DATA_DIR, data.toString()), Map.of()).databaseUrl();
        try {
            check("H2", url, "ams", "", data);
        } finally {
            delete(work);
        }
    }

    private static void postgresql() throws Exception {
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String name = "ams_upgrade_dev_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        Path work = Files.createTempDirectory("ams-upgrade-check-");
        admin(user, "CREATE DATABASE " + name);
        try {
            check("PostgreSQL", POSTGRES + name, user, "", work.resolve("data"));
        } finally {
            admin(user, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            delete(work);
        }
    }

    private static void check(String label, String url, String user, String password, Path data) throws Exception {
        long started = System.nanoTime();
        UpgradeFixture.fill(url, user, password, data);
        long filled = System.nanoTime();
        FixtureMigrations migrations = new FixtureMigrations(url, user, password);
        System.out.println("== " + label + ": filled to V" + migrations.current() + " in "
                + (filled - started) / 1_000_000 + " ms; facts in " + FixtureFacts.fileFor(data).getFileName());

        FixtureSnapshot before;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            before = FixtureSnapshot.of(connection);
            print("read back at V" + migrations.current(), new FixtureReadback(connection, data).checkAll().report());
        }
        String latest = migrations.toLatest();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            FixtureSnapshot after = FixtureSnapshot.of(connection);
            List<String> differences = before.differencesFrom(after);
            if (!differences.isEmpty() || !latest.equals(migrations.latestAvailable())) {
                throw new IllegalStateException(label + ": the migration to V" + latest + " changed " + differences);
            }
            System.out.println("   migrated to V" + latest + ": " + after.tables().size() + " tables, "
                    + after.totalRows() + " rows, every table's rows identical before and after");
            print("read back at V" + latest, new FixtureReadback(connection, data).checkAll().report());
        }
        System.out.println("== " + label + ": PASSED");
    }

    private static void print(String title, Map<String, String> report) {
        System.out.println("   " + title + ":");
        report.forEach((check, result) -> System.out.println("     " + check + ": " + result));
    }

    private static void admin(String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", user, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
