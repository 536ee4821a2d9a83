package org.ams.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.ams.it.server.SuiteClock;
import org.ams.it.upgrade.UpgradeFixture;
import org.ams.platform.AmsSettings;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares the database and the ports one test JVM's server uses, before Arquillian starts it, and removes the
 * database after. The IT classes of one JVM share that server and database
 * ({@link org.ams.it.server.SharedPayaraMicro}); Failsafe gives a JVM of its own to each class that needs a fresh one.
 * <p>
 * {@code -Dams.it.db=h2} (default): a fresh embedded H2 file database in a data directory under {@code target/}.
 * {@code -Dams.it.db=postgresql}: a throwaway database created on the PostgreSQL server at 127.0.0.1:5432 (user from
 * {@code PGUSER}, default {@code postgres}) and dropped when the run ends.
 */
public class TestEnvironment implements LauncherSessionListener {

    public static final String ADMIN_PASSWORD = "ams.it.admin.password";
    public static final String DATA_DIR = "ams.it.data.dir";
    /** The HTTPS port of the Payara Micro that Arquillian starts (with Payara's own self-signed certificate). */
    public static final String HTTPS_PORT = "ams.it.https.port";
    /** Its HTTP port, fixed for the JVM so that a restarted server is found where the classes were told it is. */
    public static final String HTTP_PORT = "ams.it.http.port";
    public static final String POSTGRES_DATABASE = "ams.it.postgres.database";
    private static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private String postgresDatabase;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("ams.it.deployments") == null) {
            return; // not an integration-test run (e.g. an IDE running a single unit test)
        }
        SuiteClock.opened();
        String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        Path work = work().resolve("run-" + suffix);
        String adminPassword = "It-Admin-" + suffix;
        StringBuilder options = new StringBuilder("-Dams.admin.password=" + adminPassword);
        options.append(" -Dams.data.dir=").append(work.resolve("data"));
        if (database().equals("postgresql")) {
            postgresDatabase = "ams_it_" + suffix;
            execute("CREATE DATABASE " + postgresDatabase);
            System.setProperty(POSTGRES_DATABASE, postgresDatabase);
            options.append(" -Dams.db.url=jdbc:postgresql://127.0.0.1:5432/").append(postgresDatabase)
                    .append(" -Dams.db.user=").append(postgresUser());
        }
        // Every browser and client of the suite signs in from 127.0.0.1, like clients behind one reverse proxy, and
        // failed sign-ins are kept in the database across the shared server's restarts: the per-address limit (50 by
        // default; SignInThrottleTest and ClusterIT test the counting) is raised so that the suite's own deliberate
        // failures never add up to it.
        options.append(" -Dams.signin.max-failures-per-address=1000");
        options.append(serverJitOptions());
        // Extra JVM options for the server, e.g. a flight recording while running a benchmark:
        // -Dams.it.server.jvm=-XX:StartFlightRecording=filename=/tmp/ams.jfr,settings=profile,dumponexit=true
        String extra = System.getProperty("ams.it.server.jvm");
        if (extra != null && !extra.isBlank()) {
            options.append(' ').append(extra.trim());
        }
        Path preboot = work.resolve("preboot.asadmin");
        try {
            Files.createDirectories(work);
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            // Payara Micro would otherwise advertise its first non-loopback address, which is not reachable here;
            // sessions in the server's memory, as the launcher keeps them for a server on its own (AMS is
            // distributable, and Payara's default would put them in its data grid).
            Files.writeString(preboot, "set configs.config.server-config.hazelcast-config-specific-configuration"
                    + ".public-address=127.0.0.1\n"
                    + "set configs.config.server-config.availability-service.web-container-availability"
                    + ".persistence-type=memory\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("upgrade".equals(System.getProperty("ams.it.fixture"))) {
            // UpgradeIT: the database an installation filled over every earlier migration, for the server's own
            // start to upgrade.
            fillForUpgrade(work.resolve("data"));
        }
        System.setProperty(HTTPS_PORT, String.valueOf(ServerProcess.freePort()));
        System.setProperty(HTTP_PORT, String.valueOf(ServerProcess.freePort()));
        System.setProperty("ams.it.server.options", options.toString());
        System.setProperty("ams.it.preboot", preboot.toString());
        System.setProperty(ADMIN_PASSWORD, adminPassword);
        System.setProperty(DATA_DIR, work.resolve("data").toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SuiteClock.closed(database());
        if (postgresDatabase != null) {
            execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
        }
    }

    private void fillForUpgrade(Path dataDirectory) {
        if (postgresDatabase != null) {
            UpgradeFixture.fill("jdbc:postgresql://127.0.0.1:5432/" + postgresDatabase, postgresUser(), "", dataDirectory);
        } else {
            // The embedded database's URL and user, as the server will open them.
            AmsSettings settings = AmsSettings.of(java.util.Map.of("ams.data.dir", dataDirectory.toString()),
                    java.util.Map.of());
            UpgradeFixture.fill(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword(),
                    dataDirectory);
        }
    }

    public static String database() {
        return System.getProperty("ams.it.db", "h2");
    }

    public static String adminPassword() {
        return System.getProperty(ADMIN_PASSWORD);
    }

    public static int httpsPort() {
        return Integer.parseInt(System.getProperty(HTTPS_PORT));
    }

    public static Path dataDirectory() {
        return Path.of(System.getProperty(DATA_DIR));
    }

    /** A JDBC connection to the throwaway PostgreSQL database of this run. */
    public static Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/"
                + System.getProperty(POSTGRES_DATABASE), postgresUser(), "");
    }

    /**
     * The JVM options of every AMS server a test starts (through Arquillian or through the launcher's
     * {@code JAVA_OPTS}), with a leading space, or "" in a benchmark's run. The optimising (C2) compiler only for
     * really hot code, and the serial collector: a test server lives minutes and runs most paths a few times, so on
     * two cores compiling them with C2 costs more than it gives back (README, Tests). The thresholds are high, not C2
     * off: password hashing (PBKDF2, 600,000 rounds per sign-in) takes 2-3 s with the quick compiler alone and
     * 0.2-0.4 s once C2 compiled it. The code tested is the same. A benchmark measures the server as it runs in
     * production, so a run that selects one leaves them out.
     */
    public static String serverJitOptions() {
        if (String.valueOf(System.getProperty("it.test")).contains("Benchmark")) {
            return "";
        }
        return " -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=50000"
                + " -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000 -XX:+UseSerialGC";
    }

    public static Path work() {
        return Path.of(System.getProperty("ams.it.work", "target/it-work")).toAbsolutePath();
    }

    public static Path deployments() {
        return Path.of(System.getProperty("ams.it.deployments", "target/deployments")).toAbsolutePath();
    }

    public static Path repositoryRoot() {
        return Path.of(System.getProperty("ams.it.repository.root", "..")).toAbsolutePath().normalize();
    }

    public static String postgresUser() {
        String user = System.getenv("PGUSER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_ADMIN_URL, postgresUser(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed for -Dams.it.db=postgresql: "
                    + e.getMessage(), e);
        }
    }
}
