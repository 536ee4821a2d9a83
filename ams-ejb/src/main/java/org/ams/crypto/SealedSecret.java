package org.ams.crypto;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One secret as AMS keeps it: a CMS envelope only the holder of {@link #getCertificate()}'s private key can open.
 * Other components (the escrow of recovery passwords) refer to it by id; rotation only ever replaces the envelope.
 */
@Entity
@Table(name = "sealed_secret")
public class SealedSecret {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private SecretKind kind;

    @Column(nullable = false)
    private byte[] envelope;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "certificate_id", nullable = false)
    private EncryptionCertificate certificate;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "sealed_at", nullable = false)
    private OffsetDateTime sealedAt;

    @Version
    private long version;

    protected SealedSecret() {
    }

    SealedSecret(SecretKind kind, byte[] envelope, EncryptionCertificate certificate) {
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.envelope = envelope.clone();
        this.certificate = certificate;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.sealedAt = createdAt;
    }

    /** Replaces the envelope with one sealed to another certificate, in the same transaction as nothing else. */
    void resealed(byte[] newEnvelope, EncryptionCertificate newCertificate) {
        this.envelope = newEnvelope.clone();
        this.certificate = newCertificate;
        this.sealedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID getId() {
        return id;
    }

    public SecretKind getKind() {
        return kind;
    }

    /** A copy of the envelope (DER); opening it needs the certificate's private key. */
    public byte[] getEnvelope() {
        return envelope.clone();
    }

    public EncryptionCertificate getCertificate() {
        return certificate;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getSealedAt() {
        return sealedAt;
    }
}
