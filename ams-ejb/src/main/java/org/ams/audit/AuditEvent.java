package org.ams.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One audited action, as it happened: a link of the hash chain (see {@link AuditDigest}). Never updated or deleted,
 * except that a record written before the chain existed receives its hashes once ({@link #chainTo(String)}).
 * <p>
 * Not {@code @Cacheable}: verification must read what the database holds, not a copy in memory.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    public static final int MAX_DETAILS = 4000;
    static final int MAX_TEXT = 1000;
    static final int MAX_CODE = 64;
    static final int MAX_TARGET_NAME = 512;
    static final int MAX_TARGET_ID = 128;
    static final int MAX_ACTOR = 256;
    /** How the notification channels are joined into one column. */
    static final String CHANNEL_SEPARATOR = ", ";

    @Id
    private UUID id;

    @Column(name = "sequence_number", nullable = false, updatable = false)
    private long sequence;

    @Column(name = "previous_hash", length = 64)
    private String previousHash;

    @Column(name = "record_hash", length = 64)
    private String recordHash;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    /** The signed-in user, or {@code system} / {@code agent:<device>} for actions nobody clicked. */
    @Column(nullable = false, length = MAX_ACTOR)
    private String actor;

    @Column(nullable = false, length = MAX_CODE)
    private String action;

    @Column(name = "target_type", nullable = false, length = MAX_CODE)
    private String targetType;

    @Column(name = "target_id", length = MAX_TARGET_ID)
    private String targetId;

    @Column(name = "target_name", length = MAX_TARGET_NAME)
    private String targetName;

    @Column(length = MAX_DETAILS)
    private String details;

    @Column(name = "client_address", length = MAX_CODE)
    private String clientAddress;

    @Column(length = MAX_TEXT)
    private String reason;

    @Column(name = "result_code", length = MAX_CODE)
    private String resultCode;

    @Column(length = MAX_CODE)
    private String permission;

    @Column(name = "rule_id", length = MAX_CODE)
    private String ruleId;

    @Column(name = "rule_description", length = MAX_TEXT)
    private String ruleDescription;

    @Column(name = "notification_channels", length = MAX_TEXT)
    private String notificationChannels;

    protected AuditEvent() {
    }

    /**
     * The next link of the chain. Over-long text is shortened rather than refused: an action must not fail because
     * its description is long, and the hash covers what is stored.
     */
    AuditEvent(long sequence, String previousHash, OffsetDateTime occurredAt, String actor, AuditEntry entry) {
        this.id = UUID.randomUUID();
        this.sequence = sequence;
        this.occurredAt = occurredAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        this.actor = fit(actor, MAX_ACTOR);
        this.action = fit(entry.action(), MAX_CODE);
        this.targetType = fit(entry.targetType(), MAX_CODE);
        this.targetId = fit(entry.targetId(), MAX_TARGET_ID);
        this.targetName = fit(entry.targetName(), MAX_TARGET_NAME);
        this.details = fit(entry.details(), MAX_DETAILS);
        this.clientAddress = fit(entry.clientAddress(), MAX_CODE);
        this.reason = fit(entry.reason(), MAX_TEXT);
        this.resultCode = fit(entry.resultCode(), MAX_CODE);
        this.permission = fit(entry.permission(), MAX_CODE);
        this.ruleId = fit(entry.ruleId(), MAX_CODE);
        this.ruleDescription = fit(entry.ruleDescription(), MAX_TEXT);
        this.notificationChannels = entry.notificationChannels().isEmpty() ? null
                : fit(String.join(CHANNEL_SEPARATOR, entry.notificationChannels()), MAX_TEXT);
        chainTo(previousHash);
    }

    /** Links this record to the previous record's hash and computes its own. */
    final void chainTo(String previous) {
        this.previousHash = previous;
        this.recordHash = AuditDigest.of(this);
    }

    /** Whether the stored hash is the hash of what this record holds now. */
    public boolean hashMatches() {
        return recordHash != null && recordHash.equals(AuditDigest.of(this));
    }

    private static String fit(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        // Never cut between the two halves of a surrogate pair: half a character cannot be stored as UTF-8.
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    public UUID getId() {
        return id;
    }

    public long getSequence() {
        return sequence;
    }

    public String getPreviousHash() {
        return previousHash;
    }

    public String getRecordHash() {
        return recordHash;
    }

    public OffsetDateTime getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public String getTargetName() {
        return targetName;
    }

    public String getDetails() {
        return details;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getReason() {
        return reason;
    }

    public String getResultCode() {
        return resultCode;
    }

    public String getPermission() {
        return permission;
    }

    public String getRuleId() {
        return ruleId;
    }

    public String getRuleDescription() {
        return ruleDescription;
    }

    /** The channels that fired, joined with {@value #CHANNEL_SEPARATOR}, or {@code null}. */
    public String getNotificationChannels() {
        return notificationChannels;
    }
}
