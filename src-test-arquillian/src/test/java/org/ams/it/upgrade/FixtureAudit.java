package org.ams.it.upgrade;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ams.audit.AuditDigest;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditEvent;

/**
 * Audit records in the format of the schema they are written to, with the product's own {@link AuditEvent} and
 * {@link AuditDigest} doing the normalising and hashing (reached by reflection: their constructor and
 * {@code chainTo} are package-private), so the server recomputes exactly the hashes stored here.
 * <ul>
 *   <li>Before V9: the V2 columns only, no sequence number and no hash, as the server wrote them then.</li>
 *   <li>At V9: the migration numbers them by time and leaves the head awaiting their hashes;
 *       {@link #chainUnchained()} then does what a V9 server does before its first append
 *       ({@code AuditChain.lockedHead}): hashes them from the genesis hash on and sets the head.</li>
 *   <li>From V9 on: appended to the chain with every optional field, linked to the head, head advanced.</li>
 * </ul>
 */
final class FixtureAudit {

    private static final Constructor<AuditEvent> NEW_EVENT;
    private static final Field ID;
    private static final Method CHAIN_TO;

    static {
        try {
            NEW_EVENT = AuditEvent.class.getDeclaredConstructor(long.class, String.class, OffsetDateTime.class,
                    String.class, AuditEntry.class);
            NEW_EVENT.setAccessible(true);
            ID = AuditEvent.class.getDeclaredField("id");
            ID.setAccessible(true);
            CHAIN_TO = AuditEvent.class.getDeclaredMethod("chainTo", String.class);
            CHAIN_TO.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Rows rows;
    private final FixtureClock clock;
    private final FixtureFacts facts;
    private final List<UUID> written = new ArrayList<>();
    private int unchained;

    FixtureAudit(Rows rows, FixtureClock clock, FixtureFacts facts) {
        this.rows = rows;
        this.clock = clock;
        this.facts = facts;
    }

    /** Records an action at the clock's next moment, in the format of {@code schemaVersion}. */
    UUID record(int schemaVersion, String actor, AuditEntry entry) throws SQLException {
        AuditEvent event = event(0, AuditDigest.GENESIS, clock.next(), actor, entry, null);
        if (schemaVersion < 9) {
            if (entry.clientAddress() != null || entry.reason() != null || entry.resultCode() != null
                    || entry.permission() != null || entry.ruleId() != null || !entry.notificationChannels().isEmpty()) {
                throw new IllegalArgumentException("Audit records before V9 have no access-request fields");
            }
            rows.insert("audit_event", "id", event.getId(), "occurred_at", event.getOccurredAt(),
                    "actor", event.getActor(), "action", event.getAction(), "target_type", event.getTargetType(),
                    "target_id", event.getTargetId(), "target_name", event.getTargetName(),
                    "details", event.getDetails());
            unchained++;
        } else {
            append(event.getOccurredAt(), actor, entry, event.getId());
        }
        written.add(event.getId());
        return event.getId();
    }

    /** Hashes the records V9 numbered but could not hash, in sequence order from the genesis hash. */
    void chainUnchained() throws SQLException {
        long last = rows.single("SELECT last_sequence FROM audit_chain_head WHERE id = 1", Long.class);
        String previous = AuditDigest.GENESIS;
        try (PreparedStatement select = rows.connection().prepareStatement("SELECT id, sequence_number, occurred_at, "
                + "actor, action, target_type, target_id, target_name, details FROM audit_event "
                + "WHERE sequence_number <= ? ORDER BY sequence_number")) {
            select.setLong(1, last);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    AuditEntry entry = AuditEntry.builder(found.getString("action"), found.getString("target_type"))
                            .target(found.getString("target_id"), found.getString("target_name"))
                            .details(found.getString("details")).build();
                    events.add(event(found.getLong("sequence_number"), previous,
                            found.getObject("occurred_at", OffsetDateTime.class), found.getString("actor"), entry,
                            found.getObject("id", UUID.class)));
                }
            }
            for (AuditEvent event : events) {
                chainTo(event, previous);
                rows.update("UPDATE audit_event SET previous_hash = ?, record_hash = ? WHERE id = ?",
                        event.getPreviousHash(), event.getRecordHash(), event.getId());
                previous = event.getRecordHash();
            }
        }
        rows.update("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1", last == 0 ? null : previous);
        facts.put("audit.unchained-before-v9", unchained);
    }

    /** The ids of every record written, oldest first, and how many there are. */
    void describe() {
        facts.put("audit.records", written.size());
        facts.put("audit.ids", String.join(",", written.stream().map(UUID::toString).toList()));
    }

    private void append(OffsetDateTime at, String actor, AuditEntry entry, UUID id) throws SQLException {
        long last = rows.single("SELECT last_sequence FROM audit_chain_head WHERE id = 1", Long.class);
        List<String> lastHash = rows.column("SELECT last_hash FROM audit_chain_head WHERE id = 1", String.class);
        String previous = lastHash.get(0) == null ? AuditDigest.GENESIS : lastHash.get(0);
        if (last > 0 && lastHash.get(0) == null) {
            throw new IllegalStateException("Older records still await their hashes; chain them first");
        }
        AuditEvent event = event(last + 1, previous, at, actor, entry, id);
        rows.insert("audit_event", "id", event.getId(), "sequence_number", event.getSequence(),
                "previous_hash", event.getPreviousHash(), "record_hash", event.getRecordHash(),
                "occurred_at", event.getOccurredAt(), "actor", event.getActor(), "action", event.getAction(),
                "target_type", event.getTargetType(), "target_id", event.getTargetId(),
                "target_name", event.getTargetName(), "details", event.getDetails(),
                "client_address", event.getClientAddress(), "reason", event.getReason(),
                "result_code", event.getResultCode(), "permission", event.getPermission(),
                "rule_id", event.getRuleId(), "rule_description", event.getRuleDescription(),
                "notification_channels", event.getNotificationChannels());
        rows.update("UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1",
                event.getSequence(), event.getRecordHash());
    }

    /** The product's record for these values; with {@code id}, that id instead of a new one (hash recomputed). */
    private static AuditEvent event(long sequence, String previous, OffsetDateTime at, String actor, AuditEntry entry,
                                    UUID id) {
        try {
            AuditEvent event = NEW_EVENT.newInstance(sequence, previous, at, actor, entry);
            if (id != null) {
                ID.set(event, id);
                chainTo(event, previous);
            }
            return event;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build an AuditEvent", e);
        }
    }

    private static void chainTo(AuditEvent event, String previous) {
        try {
            CHAIN_TO.invoke(event, previous);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot hash an AuditEvent", e);
        }
    }

    /** Whether a stored record's hash is what the product computes for it now; for the fixture's own check. */
    static String hashOf(UUID id, long sequence, String previous, OffsetDateTime at, String actor, AuditEntry entry) {
        return event(sequence, previous, at, actor, entry, id).getRecordHash();
    }
}
