package org.ams.platform;

import java.nio.file.Path;
import java.util.Arrays;

/** The databases AMS runs on, recognised by their JDBC URL. */
public enum DatabaseKind {

    H2("jdbc:h2:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    DatabaseKind(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    public static DatabaseKind of(String jdbcUrl) {
        return Arrays.stream(values())
                .filter(kind -> jdbcUrl.startsWith(kind.urlPrefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("AMS supports H2 (jdbc:h2:...) and PostgreSQL "
                        + "(jdbc:postgresql://host:5432/database) only; the configured " + AmsSettings.DB_URL
                        + " starts with neither."));
    }

    /**
     * The embedded file database. PostgreSQL mode with lower-case identifiers lets one set of migrations and queries
     * serve both databases; DB_CLOSE_ON_EXIT=FALSE leaves closing to the server's own shutdown, not a JVM hook racing it.
     * LOCK_TIMEOUT: a transaction waits up to 30 s for a row another holds (H2's default is 2 s), as PostgreSQL waits
     * too: access requests of one user queue on their rate-limit row while each is answered, which under load or
     * with a slow fail-closed notification channel takes longer than 2 s.
     * WRITE_DELAY=0: a commit is written to the file before it returns. With H2's default (500 ms) a process that is
     * killed or crashes loses the transactions of its last half second although they were acknowledged (an agent's
     * upload, an audit record of a shown password); measured here: 200 of 1,900 acknowledged commits gone after a
     * SIGKILL, none with 0. Commits cost more (about 3,000 small ones a second instead of 16,000 on the test machine).
     */
    String embeddedUrl(Path dataDirectory) {
        Path file = dataDirectory.resolve("db").resolve("ams");
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=30000;WRITE_DELAY=0";
    }
}
