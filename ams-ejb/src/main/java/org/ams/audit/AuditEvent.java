package org.ams.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One administrative action, as it happened. Never updated or deleted. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    public static final int MAX_DETAILS = 4000;

    @Id
    private UUID id;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    /** The signed-in user, or {@code system} / {@code agent:<device>} for actions nobody clicked. */
    @Column(nullable = false, length = 256)
    private String actor;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "target_type", nullable = false, length = 64)
    private String targetType;

    @Column(name = "target_id", length = 128)
    private String targetId;

    @Column(name = "target_name", length = 512)
    private String targetName;

    @Column(length = MAX_DETAILS)
    private String details;

    protected AuditEvent() {
    }

    AuditEvent(String actor, String action, String targetType, String targetId, String targetName, String details) {
        this.id = UUID.randomUUID();
        this.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.targetName = targetName;
        this.details = details == null || details.length() <= MAX_DETAILS ? details
                : details.substring(0, MAX_DETAILS - 1) + "…";
    }

    public UUID getId() {
        return id;
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
}
