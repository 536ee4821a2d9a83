package org.ams.platform;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns a failure to reach the database into one sentence an administrator can act on, instead of a stack trace.
 * The sentence names the URL (never the password) and the setting to change.
 */
public final class DatabaseProblem {

    private DatabaseProblem() {
    }

    public static String describe(Throwable failure, String jdbcUrl) {
        SQLException sql = findSqlException(failure);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String message = rootMessage(failure);
        String lower = message.toLowerCase(Locale.ROOT);
        String where = " (" + AmsSettings.DB_URL + " = " + redact(jdbcUrl) + ")";
        if (state.equals("28P01") || state.equals("28000") || lower.contains("password authentication failed")
                || lower.contains("wrong user name or password")) {
            return "The database refused AMS's credentials" + where + ". Check " + envOf(AmsSettings.DB_USER)
                    + " and " + envOf(AmsSettings.DB_PASSWORD) + ".";
        }
        if (state.equals("3D000") || lower.contains("does not exist")) {
            return "The database named in the URL does not exist" + where + ". Create it (for example "
                    + "'createdb ams') or correct " + envOf(AmsSettings.DB_URL) + ".";
        }
        if (state.startsWith("08") || lower.contains("connection refused") || lower.contains("connect timed out")
                || lower.contains("unknownhost")) {
            return "AMS cannot reach its database" + where + ": " + message + ". Is the database server running "
                    + "and is " + envOf(AmsSettings.DB_URL) + " right?";
        }
        if (lower.contains("locked by another process") || lower.contains("database may be already in use")) {
            return "The embedded database is in use by another AMS process" + where + ". Stop the other server or "
                    + "give this one its own " + envOf(AmsSettings.DATA_DIR) + ".";
        }
        return "AMS cannot use its database" + where + ": " + message;
    }

    private static String envOf(String key) {
        return AmsSettings.environmentName(key);
    }

    /** JDBC URLs may carry a password parameter; it is never written to a log. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static SQLException findSqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return (SQLException) t;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.lines().findFirst().orElse(text).trim();
    }
}
