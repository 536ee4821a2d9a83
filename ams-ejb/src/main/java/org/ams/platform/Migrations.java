package org.ams.platform;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway set up with AMS's migrations ({@code classpath:db/migration}) for one database: the server's start and every
 * test that migrates a database of its own go through here, so that the placeholders the scripts use are filled in
 * the same way everywhere.
 */
public final class Migrations {

    /** The scripts' placeholder for the word PostgreSQL needs after a generated column's expression (V37). */
    static final String GENERATED_STORED = "generated_stored";

    private Migrations() {
    }

    /** The migrations for the database at {@code jdbcUrl}, H2 or PostgreSQL; the data source is the caller's. */
    public static FluentConfiguration of(String jdbcUrl) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .locations("classpath:db/migration")
                .placeholders(placeholders(DatabaseKind.of(jdbcUrl)));
    }

    static Map<String, String> placeholders(DatabaseKind kind) {
        return Map.of(GENERATED_STORED, kind == DatabaseKind.POSTGRESQL ? "STORED" : "");
    }
}
