package org.ams.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Run by the launcher before the application server starts: can AMS open its database with the configured settings,
 * and is the master key at hand the one the database's sealed values were sealed with ({@link MasterKeyCheck})?
 * If not, the administrator gets one sentence saying what to change and the launcher stops, instead of an application
 * server that starts, fails to deploy AMS, and buries the reason in pages of stack traces.
 * <p>
 * Exit codes: 0 the database answers and the master key fits it; 2 otherwise (the reason is printed on standard
 * error).
 */
public final class DatabasePreflight {

    private DatabasePreflight() {
    }

    /** The launcher's setting that makes this server one of several on one database (README, several servers). */
    static final String CLUSTER_MEMBERS = "AMS_CLUSTER_MEMBERS";

    public static void main(String[] args) {
        AmsSettings settings = AmsSettings.current();
        String members = System.getenv(CLUSTER_MEMBERS);
        String problem = check(settings, members != null && !members.isBlank());
        if (problem != null) {
            System.err.println("AMS cannot start: " + problem);
            System.exit(2);
        }
        System.out.println("AMS: database " + DatabaseKind.of(settings.databaseUrl()) + " answers.");
    }

    /** The reason the database cannot be used by a server on its own, or {@code null} when it can. */
    static String check(AmsSettings settings) {
        return check(settings, false);
    }

    /**
     * The reason the database cannot be used, or {@code null} when it can; {@code clustered}: the server is to be one
     * of several sharing the database, which the embedded database cannot be (it belongs to one server's data
     * directory).
     */
    static String check(AmsSettings settings, boolean clustered) {
        String url = settings.databaseUrl();
        if (clustered && url.startsWith("jdbc:h2:")) {
            return CLUSTER_MEMBERS + " is set, but the database is H2: the servers of a cluster share one PostgreSQL "
                    + "database (set AMS_DB_URL=jdbc:postgresql://host:5432/database on every server); the embedded "
                    + "H2 database serves one server only.";
        }
        try {
            DataSource dataSource = AmsDataSource.create(settings, AmsDataSource.APPLICATION_NAME);
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(5)) {
                    return DatabaseProblem.describe(
                            new SQLException("the connection did not answer a validity check"), url);
                }
                return masterKeyProblem(connection, settings);
            }
        } catch (SQLException | RuntimeException e) {
            return DatabaseProblem.describe(e, url);
        }
    }

    private static String masterKeyProblem(Connection connection, AmsSettings settings) throws SQLException {
        try {
            return new MasterKeyCheck(settings).problemBeforeStart(connection).orElse(null);
        } catch (MasterKey.MasterKeyException unusableKey) {
            return unusableKey.getMessage();
        }
    }
}
