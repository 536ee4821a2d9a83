package org.ams.crypto;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.ams.protocol.certificate.EncryptionCertificates;

/**
 * A certificate secrets are sealed to, with where its private key lives. Exactly one is {@link CertificateState#ACTIVE}
 * (the database enforces it too); the others still open what was sealed to them.
 */
@Entity
@Table(name = "encryption_certificate")
@NamedQuery(name = EncryptionCertificate.ALL, query = "SELECT c FROM EncryptionCertificate c ORDER BY c.createdAt DESC")
@NamedQuery(name = EncryptionCertificate.ACTIVE,
        query = "SELECT c FROM EncryptionCertificate c WHERE c.state = org.ams.crypto.CertificateState.ACTIVE")
@NamedQuery(name = EncryptionCertificate.BY_THUMBPRINT,
        query = "SELECT c FROM EncryptionCertificate c WHERE c.thumbprint = :thumbprint")
public class EncryptionCertificate {

    static final String ALL = "EncryptionCertificate.all";
    static final String ACTIVE = "EncryptionCertificate.active";
    static final String BY_THUMBPRINT = "EncryptionCertificate.byThumbprint";

    @Id
    private UUID id;

    @Column(nullable = false, length = 512)
    private String subject;

    @Column(name = "thumbprint_sha256", nullable = false, unique = true, length = 64)
    private String thumbprint;

    @Column(name = "key_algorithm", nullable = false, length = 16)
    private String keyAlgorithm;

    @Column(name = "key_size", nullable = false)
    private int keySize;

    @Column(name = "not_before", nullable = false)
    private OffsetDateTime notBefore;

    @Column(name = "not_after", nullable = false)
    private OffsetDateTime notAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CertificateState state;

    /** {@code TRUE} when active, {@code NULL} otherwise: backs the one-active-certificate unique constraint. */
    @Column(name = "active")
    private Boolean activeMarker;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CertificateOrigin origin;

    @Enumerated(EnumType.STRING)
    @Column(name = "key_storage", nullable = false, length = 16)
    private KeyStorage keyStorage;

    @Column(name = "certificate_der", nullable = false)
    private byte[] certificateDer;

    @Column(name = "sealed_private_key")
    private byte[] sealedPrivateKey;

    @Column(name = "token_key_alias", length = 128)
    private String tokenKeyAlias;

    @Column(name = "backed_up_at")
    private OffsetDateTime backedUpAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "activated_at")
    private OffsetDateTime activatedAt;

    @Version
    private long version;

    @Transient
    private X509Certificate parsed;

    protected EncryptionCertificate() {
    }

    private EncryptionCertificate(X509Certificate certificate, CertificateOrigin origin, KeyStorage keyStorage) {
        this.id = UUID.randomUUID();
        this.subject = certificate.getSubjectX500Principal().getName();
        this.thumbprint = EncryptionCertificates.thumbprintSha256(certificate);
        this.keyAlgorithm = certificate.getPublicKey().getAlgorithm();
        this.keySize = certificate.getPublicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
        this.notBefore = OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC);
        this.notAfter = OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC);
        this.state = CertificateState.AVAILABLE;
        this.origin = origin;
        this.keyStorage = keyStorage;
        try {
            this.certificateDer = certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CertificateRefusedException("The certificate cannot be encoded.", e);
        }
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.parsed = certificate;
    }

    /** A certificate whose private key, sealed with the master key, is kept in this row. */
    static EncryptionCertificate withSoftwareKey(X509Certificate certificate, byte[] sealedPrivateKey,
                                                 CertificateOrigin origin) {
        EncryptionCertificate created = new EncryptionCertificate(certificate, origin, KeyStorage.SOFTWARE);
        created.sealedPrivateKey = sealedPrivateKey.clone();
        if (origin == CertificateOrigin.IMPORTED_PKCS12) {
            // The administrator imported it from a file they hold: that file is the backup.
            created.backedUpAt = created.createdAt;
        }
        return created;
    }

    /** A certificate whose private key stays in the PKCS#11 token under {@code alias}. */
    static EncryptionCertificate withTokenKey(X509Certificate certificate, String alias, CertificateOrigin origin) {
        EncryptionCertificate created = new EncryptionCertificate(certificate, origin, KeyStorage.PKCS11);
        created.tokenKeyAlias = alias;
        return created;
    }

    /**
     * Whether AMS must see a backup downloaded before this certificate may become active: a software key AMS made
     * itself exists nowhere else, and losing it loses every secret sealed to it.
     */
    public boolean requiresBackup() {
        return origin == CertificateOrigin.GENERATED && keyStorage == KeyStorage.SOFTWARE && backedUpAt == null;
    }

    public boolean canBeBackedUp() {
        return keyStorage == KeyStorage.SOFTWARE;
    }

    public boolean isExpired(Instant now) {
        return now.isAfter(notAfter.toInstant());
    }

    void markBackedUp() {
        if (!canBeBackedUp()) {
            throw new CertificateStateException("The private key of " + subject + " lives in the HSM and cannot be "
                    + "exported; back up the token with its own tools.");
        }
        backedUpAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Refuses, with the reason, a certificate that may not become active now. */
    void checkActivatable(Instant now) {
        if (state == CertificateState.RETIRED) {
            throw new CertificateStateException("The certificate " + subject + " is retired and cannot be made active again.");
        }
        if (requiresBackup()) {
            throw new CertificateStateException("Back up the certificate " + subject + " before you make it active: "
                    + "if you lose it, you will not be able to decrypt any passwords sealed to it.");
        }
        if (isExpired(now)) {
            throw new CertificateStateException("The certificate " + subject + " expired on " + notAfter.toLocalDate()
                    + "; agents cannot encrypt to it.");
        }
    }

    void activate(Instant now) {
        checkActivatable(now);
        state = CertificateState.ACTIVE;
        activeMarker = Boolean.TRUE;
        activatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void deactivate() {
        if (state == CertificateState.ACTIVE) {
            state = CertificateState.AVAILABLE;
            activeMarker = null;
        }
    }

    void retire(long dependentSecrets) {
        checkNothingDepends("retire", dependentSecrets);
        state = CertificateState.RETIRED;
    }

    void checkDeletable(long dependentSecrets) {
        checkNothingDepends("delete", dependentSecrets);
    }

    private void checkNothingDepends(String verb, long dependentSecrets) {
        if (state == CertificateState.ACTIVE) {
            throw new CertificateStateException("You cannot " + verb + " the active certificate " + subject
                    + "; make another certificate active first.");
        }
        if (dependentSecrets > 0) {
            throw new CertificateStateException("You cannot " + verb + " the certificate " + subject + ": "
                    + dependentSecrets + " stored secret(s) are sealed to it. Make another certificate active and "
                    + "wait for the re-encryption to finish.");
        }
    }

    /** The X.509 certificate itself. */
    public X509Certificate certificate() {
        if (parsed == null) {
            try {
                parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(certificateDer));
            } catch (CertificateException e) {
                throw new IllegalStateException("The stored certificate " + id + " cannot be parsed", e);
            }
        }
        return parsed;
    }

    public UUID getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public String getThumbprint() {
        return thumbprint;
    }

    public String getKeyAlgorithm() {
        return keyAlgorithm;
    }

    public int getKeySize() {
        return keySize;
    }

    public OffsetDateTime getNotBefore() {
        return notBefore;
    }

    public OffsetDateTime getNotAfter() {
        return notAfter;
    }

    public CertificateState getState() {
        return state;
    }

    public boolean isActive() {
        return state == CertificateState.ACTIVE;
    }

    public CertificateOrigin getOrigin() {
        return origin;
    }

    public KeyStorage getKeyStorage() {
        return keyStorage;
    }

    byte[] sealedPrivateKey() {
        return sealedPrivateKey == null ? null : sealedPrivateKey.clone();
    }

    public String getTokenKeyAlias() {
        return tokenKeyAlias;
    }

    public OffsetDateTime getBackedUpAt() {
        return backedUpAt;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getActivatedAt() {
        return activatedAt;
    }

    @Override
    public String toString() {
        return "EncryptionCertificate[" + subject + ", sha256=" + thumbprint + ", " + state + "]";
    }
}
