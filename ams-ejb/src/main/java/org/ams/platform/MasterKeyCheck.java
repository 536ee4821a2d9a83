package org.ams.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure the master key at hand is the one the database's sealed values were sealed with, before anything is
 * sealed or opened, and makes a new key only for a database that holds nothing sealed.
 * <p>
 * The database keeps a check value: a fixed label sealed under the master key (AES-256-GCM, purpose
 * {@value #PURPOSE}) in the one row of {@code master_key_check}. Opening it proves the key without decrypting any
 * user secret. A database from before the check value (an upgrade) proves the key on one of its sealed values
 * instead ({@link SealedColumn}) and then gets its check value recorded.
 * <p>
 * A missing key or a different one stops the start with one sentence saying which file or setting and what it must
 * match, because a new key would leave every sealed private key and secret unreadable for good. The launcher asks
 * {@link #problemBeforeStart} before migrations (read only); the server runs {@link #atStart} after them.
 * <p>
 * Two servers racing to set up the first key end with one: the key file is created atomically (two starts on one data
 * directory read the same key), and the check value's row has a fixed primary key, so only one server records it; a
 * server with its own data directory that lost that race takes back the key it has just made and stops.
 * <p>
 * Plain JDBC and plain Java: the launcher runs it with only this module and the JDBC drivers on its class path.
 */
public final class MasterKeyCheck {

    static final String PURPOSE = "master-key-check";
    static final String TABLE = "master_key_check";
    private static final byte[] LABEL = "AMS master key check v1".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = Logger.getLogger(MasterKeyCheck.class.getName());

    private final AmsSettings settings;

    public MasterKeyCheck(AmsSettings settings) {
        this.settings = settings;
    }

    /**
     * For the launcher, before migrations: the sentence saying why the master key at hand cannot be used with this
     * database, or empty when it can (or when the database holds nothing sealed yet: the server then sets up the key).
     * Reads only; creates and records nothing. The database may be empty or at an older schema version.
     *
     * @throws MasterKey.MasterKeyException when the configured key or the key file cannot be used at all (not Base64
     *                                      of 32 bytes, unreadable), whatever the database holds
     */
    public Optional<String> problemBeforeStart(Connection db) throws SQLException {
        Optional<MasterKey> key = keyAtHand();
        Facts facts = Facts.read(db);
        return facts.holdsSealedValues() ? problem(facts, key) : Optional.empty();
    }

    /**
     * For the server, after migrations: verifies the key against the check value or, without one, against a sealed
     * value; creates the key file when the database holds nothing sealed and no key is configured; records the check
     * value when the database has none.
     *
     * @throws MasterKey.MasterKeyException with the sentence for the administrator when the key is missing or
     *                                      different
     */
    public void atStart(Connection db) throws SQLException {
        Facts facts = Facts.read(db);
        Optional<MasterKey> key = keyAtHand();
        if (facts.holdsSealedValues()) {
            Optional<String> problem = problem(facts, key);
            if (problem.isPresent()) {
                throw new MasterKey.MasterKeyException(problem.get());
            }
            if (facts.check().isEmpty()) {
                record(db, key.orElseThrow(), false);
                LOG.info("AMS proved its master key on a sealed value and recorded the key's check value in the "
                        + "database; from now on a missing or different master key stops the start.");
            }
            return;
        }
        boolean created = key.isEmpty() && MasterKey.createFileIfAbsent(settings);
        MasterKey atHand = key.isPresent() ? key.get() : MasterKey.load(settings);
        record(db, atHand, created);
        if (created) {
            LOG.info("AMS created its master key " + MasterKey.file(settings) + " (owner-only); back it up together "
                    + "with the database: the secrets sealed in the database cannot be opened without it.");
        }
    }

    /** The key configured or in the key file; a key that cannot be used at all is refused with its own sentence. */
    private Optional<MasterKey> keyAtHand() {
        try {
            return MasterKey.find(settings);
        } catch (IllegalStateException | UncheckedIOException unusable) {
            throw new MasterKey.MasterKeyException(unusable.getMessage());
        }
    }

    private Optional<String> problem(Facts facts, Optional<MasterKey> key) {
        if (key.isEmpty()) {
            return Optional.of(missingSentence());
        }
        boolean opens = facts.check().map(check -> opensCheck(key.get(), check))
                .orElseGet(() -> facts.sample().map(sample -> sample.opensWith(key.get())).orElse(true));
        return opens ? Optional.empty() : Optional.of(differentSentence());
    }

    private void record(Connection db, MasterKey key, boolean createdNow) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO " + TABLE + " (id, sealed_check, recorded_at) VALUES (1, ?, ?)")) {
            insert.setString(1, Base64.getEncoder().encodeToString(key.seal(LABEL, PURPOSE)));
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (!state.startsWith("23")) {
                throw e;
            }
            // Another server recorded its key first: this one may go on only with the same key.
            String theirs = Facts.readCheck(db).orElseThrow(() -> e);
            if (opensCheck(key, theirs)) {
                return;
            }
            if (createdNow) {
                // Nothing was sealed with the key this start has just made: take it back, so one key remains.
                try {
                    Files.deleteIfExists(MasterKey.file(settings));
                } catch (IOException cannotDelete) {
                    LOG.warning("Could not remove the unused master key " + MasterKey.file(settings) + ": "
                            + cannotDelete.getMessage());
                }
            }
            throw new MasterKey.MasterKeyException(raceLostSentence());
        }
    }

    private static boolean opensCheck(MasterKey key, String sealedCheck) {
        try {
            byte[] label = key.open(Base64.getDecoder().decode(sealedCheck), PURPOSE);
            return Arrays.equals(LABEL, label);
        } catch (MasterKey.MasterKeyException | IllegalArgumentException e) {
            return false;
        }
    }

    String missingSentence() {
        return "The master key file " + MasterKey.file(settings) + " is missing, but this database holds secrets "
                + "sealed with a master key: restore " + MasterKey.FILE_NAME + " from the backup taken together with "
                + "this database, or set " + environmentName() + " to that key.";
    }

    String differentSentence() {
        if (MasterKey.configured(settings)) {
            return "The master key in " + environmentName() + " (" + MasterKey.SETTING + ") is not the one this "
                    + "database's secrets were sealed with: set it to the key backed up together with this database.";
        }
        return "The master key in " + MasterKey.file(settings) + " is not the one this database's secrets were "
                + "sealed with: restore " + MasterKey.FILE_NAME + " from the backup taken together with this "
                + "database, or set " + environmentName() + " to that key.";
    }

    String raceLostSentence() {
        return "Another AMS server recorded a different master key in this database first: give this server the "
                + "same key (copy that server's " + MasterKey.FILE_NAME + " to " + MasterKey.file(settings)
                + ", or set " + environmentName() + " on every server).";
    }

    private static String environmentName() {
        return AmsSettings.environmentName(MasterKey.SETTING);
    }

    /** What the database holds that the master key protects: its check value, and the first sealed value found. */
    private record Facts(Optional<String> check, Optional<Sample> sample) {

        boolean holdsSealedValues() {
            return check.isPresent() || sample.isPresent();
        }

        static Facts read(Connection db) throws SQLException {
            // The launcher asks before migrations: a table that does not exist yet holds nothing.
            Set<String> tables = tables(db);
            Optional<String> check = tables.contains(TABLE) ? readCheck(db) : Optional.empty();
            Optional<Sample> sample = Optional.empty();
            for (SealedColumn column : SealedColumn.values()) {
                if (sample.isEmpty() && tables.contains(column.table())) {
                    sample = Sample.first(db, column);
                }
            }
            return new Facts(check, sample);
        }

        static Optional<String> readCheck(Connection db) throws SQLException {
            try (PreparedStatement query = db.prepareStatement("SELECT sealed_check FROM " + TABLE + " WHERE id = 1");
                 ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        }

        private static Set<String> tables(Connection db) throws SQLException {
            Set<String> names = new HashSet<>();
            try (ResultSet rows = db.getMetaData().getTables(null, db.getSchema(), "%", null)) {
                while (rows.next()) {
                    names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }
    }

    /** One value sealed with the master key, as stored. */
    private record Sample(SealedColumn column, byte[] sealed) {

        static Optional<Sample> first(Connection db, SealedColumn column) throws SQLException {
            try (PreparedStatement query = db.prepareStatement("SELECT " + column.column() + " FROM "
                    + column.table() + " WHERE " + column.column() + " IS NOT NULL")) {
                query.setMaxRows(1);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    if (!column.base64Text()) {
                        return Optional.of(new Sample(column, row.getBytes(1)));
                    }
                    try {
                        return Optional.of(new Sample(column, Base64.getDecoder().decode(row.getString(1).trim())));
                    } catch (IllegalArgumentException notBase64) {
                        return Optional.of(new Sample(column, new byte[0]));
                    }
                }
            }
        }

        boolean opensWith(MasterKey key) {
            try {
                Arrays.fill(key.open(sealed, column.purpose()), (byte) 0);
                return true;
            } catch (MasterKey.MasterKeyException e) {
                return false;
            }
        }
    }
}
