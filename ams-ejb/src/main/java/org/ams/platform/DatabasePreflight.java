package org.ams.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Run by the launcher before the application server starts: can AMS open its database with the configured settings?
 * If not, the administrator gets one sentence saying what to change and the launcher stops, instead of an application
 * server that starts, fails to deploy AMS, and buries the reason in pages of stack traces.
 * <p>
 * Exit codes: 0 the database answers; 2 it does not (the reason is printed on standard error).
 */
public final class DatabasePreflight {

    private DatabasePreflight() {
    }

    public static void main(String[] args) {
        AmsSettings settings = AmsSettings.current();
        String problem = check(settings);
        if (problem != null) {
            System.err.println("AMS cannot start: " + problem);
            System.exit(2);
        }
        System.out.println("AMS: database " + DatabaseKind.of(settings.databaseUrl()) + " answers.");
    }

    /** The reason the database cannot be used, or {@code null} when it can. */
    static String check(AmsSettings settings) {
        String url = settings.databaseUrl();
        try {
            DataSource dataSource = AmsDataSource.create(settings);
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(5) ? null : DatabaseProblem.describe(
                        new SQLException("the connection did not answer a validity check"), url);
            }
        } catch (SQLException | RuntimeException e) {
            return DatabaseProblem.describe(e, url);
        }
    }
}
