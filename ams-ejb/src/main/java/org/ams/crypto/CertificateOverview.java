package org.ams.crypto;

import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the certificate list: what an administrator needs to decide, without the certificate's key. A JavaBean
 * rather than a record because Jakarta EE 10's Expression Language reads only getters.
 */
public final class CertificateOverview implements Serializable {

    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String subject;
    private final String thumbprint;
    private final String keyAlgorithm;
    private final int keySize;
    private final OffsetDateTime notAfter;
    private final CertificateState state;
    private final KeyStorage keyStorage;
    private final CertificateOrigin origin;
    private final OffsetDateTime backedUpAt;
    private final boolean requiresBackup;
    private final boolean expired;
    private final long dependentSecrets;

    private CertificateOverview(EncryptionCertificate certificate, long dependentSecrets, Instant now) {
        this.id = certificate.getId();
        this.subject = certificate.getSubject();
        this.thumbprint = certificate.getThumbprint();
        this.keyAlgorithm = certificate.getKeyAlgorithm();
        this.keySize = certificate.getKeySize();
        this.notAfter = certificate.getNotAfter();
        this.state = certificate.getState();
        this.keyStorage = certificate.getKeyStorage();
        this.origin = certificate.getOrigin();
        this.backedUpAt = certificate.getBackedUpAt();
        this.requiresBackup = certificate.requiresBackup();
        this.expired = certificate.isExpired(now);
        this.dependentSecrets = dependentSecrets;
    }

    static CertificateOverview of(EncryptionCertificate certificate, long dependentSecrets, Instant now) {
        return new CertificateOverview(certificate, dependentSecrets, now);
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

    public OffsetDateTime getNotAfter() {
        return notAfter;
    }

    public CertificateState getState() {
        return state;
    }

    public KeyStorage getKeyStorage() {
        return keyStorage;
    }

    public CertificateOrigin getOrigin() {
        return origin;
    }

    public OffsetDateTime getBackedUpAt() {
        return backedUpAt;
    }

    /** Whether a backup must be downloaded before the certificate may become active. */
    public boolean isRequiresBackup() {
        return requiresBackup;
    }

    public boolean isExpired() {
        return expired;
    }

    /** How many stored secrets are sealed to it (and would be lost with it). */
    public long getDependentSecrets() {
        return dependentSecrets;
    }

    public boolean isActive() {
        return state == CertificateState.ACTIVE;
    }

    /** Whether "Set active" can succeed now. */
    public boolean isActivatable() {
        return state == CertificateState.AVAILABLE && !requiresBackup && !expired;
    }

    /** Whether "Delete" and "Retire" can succeed now. */
    public boolean isRemovable() {
        return state != CertificateState.ACTIVE && dependentSecrets == 0;
    }

    /** Whether the private key can be exported as a PKCS#12 backup. */
    public boolean isExportable() {
        return keyStorage == KeyStorage.SOFTWARE;
    }

    /** "RSA 4096". */
    public String getKeyDescription() {
        return keyAlgorithm + " " + keySize;
    }

    @Override
    public String toString() {
        return "CertificateOverview[" + subject + ", sha256=" + thumbprint + ", " + state + "]";
    }
}
