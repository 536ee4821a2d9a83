package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseProblemTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/ams";

    @Test
    void refusedCredentialsNameTheSettingsToCheck() {
        String reason = DatabaseProblem.describe(
                new SQLException("FATAL: password authentication failed for user \"ams\"", "28P01"), URL);

        assertEquals("The database refused AMS's credentials (ams.db.url = " + URL + "). Check AMS_DB_USER and "
                + "AMS_DB_PASSWORD.", reason);
    }

    @Test
    void unreachableServerQuotesTheRootCause() {
        SQLException failure = new SQLException("Connection attempt failed", "08001",
                new ConnectException("Connection refused"));

        String reason = DatabaseProblem.describe(failure, URL);

        assertTrue(reason.startsWith("AMS cannot reach its database (ams.db.url = " + URL + "): Connection refused"),
                reason);
    }

    @Test
    void missingDatabaseSaysHowToCreateIt() {
        String reason = DatabaseProblem.describe(
                new SQLException("FATAL: database \"ams\" does not exist", "3D000"), URL);

        assertTrue(reason.startsWith("The database named in the URL does not exist"), reason);
    }

    @Test
    void embeddedDatabaseInUseByAnotherProcess() {
        String reason = DatabaseProblem.describe(
                new SQLException("Database may be already in use: \"/data/db/ams.mv.db\"", "90020"), "jdbc:h2:file:x");

        assertTrue(reason.startsWith("The embedded database is in use by another AMS process"), reason);
    }

    @Test
    void passwordsInTheUrlAreNeverRepeated() {
        String reason = DatabaseProblem.describe(new SQLException("boom"),
                "jdbc:postgresql://db/ams?user=ams&password=s3cret&ssl=true");

        assertFalse(reason.contains("s3cret"), reason);
        assertTrue(reason.contains("password=***&ssl=true"), reason);
    }

    @Test
    void onlyTheFirstLineOfTheRootCauseIsQuoted() {
        RuntimeException failure = new RuntimeException("wrapper", new IllegalStateException("first\nsecond"));

        assertEquals("AMS cannot use its database (ams.db.url = " + URL + "): first",
                DatabaseProblem.describe(failure, URL));
    }
}
