package org.ams.escrow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One showing of a recovery password to a person: which key, to whom, when, and the audit record that showed it. A
 * key shown once is disclosed; the rows are what "rotate every key this user has been shown" reads.
 */
@Entity
@Table(name = "key_disclosure")
public class KeyDisclosure {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "recovery_key_id")
    private RecoveryKey key;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Column(name = "disclosed_to", nullable = false, length = 255)
    private String disclosedTo;

    @Column(name = "disclosed_at", nullable = false)
    private OffsetDateTime disclosedAt;

    @Column(name = "audit_sequence", nullable = false)
    private long auditSequence;

    protected KeyDisclosure() {
    }

    KeyDisclosure(RecoveryKey key, String disclosedTo, long auditSequence) {
        this.id = UUID.randomUUID();
        this.key = key;
        this.deviceId = key.getDevice().getId();
        this.disclosedTo = disclosedTo;
        this.disclosedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.auditSequence = auditSequence;
    }

    public UUID getId() {
        return id;
    }

    public RecoveryKey getKey() {
        return key;
    }

    public String getDisclosedTo() {
        return disclosedTo;
    }

    public OffsetDateTime getDisclosedAt() {
        return disclosedAt;
    }

    public long getAuditSequence() {
        return auditSequence;
    }
}
