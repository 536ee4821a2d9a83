package org.ams.it.upgrade;

import org.ams.platform.Migrations;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The product's own migrations from the ams-ejb jar, set up as {@link org.ams.platform.DatabaseMigration} sets them
 * up at start-up ({@link Migrations}: the jar's scripts, the database's placeholders, defaults otherwise), but one
 * version at a time so that data can be written
 * in between, as a long-lived installation would have written it.
 */
final class FixtureMigrations {

    private final String url;
    private final String user;
    private final String password;

    FixtureMigrations(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Migrates up to and including {@code version}; returns the version the schema is at afterwards. */
    String to(int version) {
        configured().target(MigrationVersion.fromVersion(String.valueOf(version))).load().migrate();
        return current();
    }

    /** Migrates to the newest version the jar holds, as the server's start does. */
    String toLatest() {
        configured().load().migrate();
        return current();
    }

    /** The version the schema is at, e.g. {@code 14}. */
    String current() {
        MigrationVersion version = configured().load().info().current().getVersion();
        return version.getVersion();
    }

    /** The newest version among the jar's migrations. */
    String latestAvailable() {
        var all = configured().load().info().all();
        return all[all.length - 1].getVersion().getVersion();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration configured() {
        return Migrations.of(url).dataSource(url, user, password);
    }
}
