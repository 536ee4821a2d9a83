package org.ams.it.upgrade;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.ams.audit.AuditEntry;
import org.ams.protocol.certificate.EncryptionCredential;

/**
 * What every step of the fixture works with: the connection, the history's clock, the product's crypto, the audit
 * trail in the format of the schema at hand, and the facts shared between steps and handed to the verifier.
 */
final class FixtureContext {

    final Rows rows;
    final FixtureFacts facts;
    final FixtureCrypto crypto;
    final FixtureClock clock;
    final FixtureAudit audit;
    /** The certificates made so far with their private keys, by handle; only in memory, never written out. */
    final Map<String, EncryptionCredential> certificates = new HashMap<>();
    private int version;

    FixtureContext(Rows rows, FixtureFacts facts, FixtureCrypto crypto, FixtureClock clock) {
        this.rows = rows;
        this.facts = facts;
        this.crypto = crypto;
        this.clock = clock;
        this.audit = new FixtureAudit(rows, clock, facts);
    }

    /** The schema version the database is at now; data written next is of that version. */
    int version() {
        return version;
    }

    void atVersion(int schemaVersion) {
        this.version = schemaVersion;
        clock.atVersion(schemaVersion);
    }

    OffsetDateTime now() {
        return clock.next();
    }

    /** Records an administrator's action the way the schema of the moment stores it. */
    UUID audited(String actor, AuditEntry entry) throws SQLException {
        return audit.record(version, actor, entry);
    }

    UUID audited(String actor, String action, String targetType, UUID targetId, String targetName, String details)
            throws SQLException {
        return audited(actor, AuditEntry.builder(action, targetType)
                .target(targetId == null ? null : targetId.toString(), targetName).details(details).build());
    }
}
