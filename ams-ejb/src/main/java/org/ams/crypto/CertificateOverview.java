package org.ams.crypto;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the certificate list: what an administrator needs to decide, without the certificate's key.
 *
 * @param dependentSecrets how many stored secrets are sealed to it (and would be lost with it)
 */
public record CertificateOverview(UUID id, String subject, String thumbprint, String keyAlgorithm, int keySize,
                                  OffsetDateTime notAfter, CertificateState state, KeyStorage keyStorage,
                                  CertificateOrigin origin, OffsetDateTime backedUpAt, boolean requiresBackup,
                                  boolean expired, long dependentSecrets) implements Serializable {

    static CertificateOverview of(EncryptionCertificate certificate, long dependentSecrets, java.time.Instant now) {
        return new CertificateOverview(certificate.getId(), certificate.getSubject(), certificate.getThumbprint(),
                certificate.getKeyAlgorithm(), certificate.getKeySize(), certificate.getNotAfter(), certificate.getState(),
                certificate.getKeyStorage(), certificate.getOrigin(), certificate.getBackedUpAt(),
                certificate.requiresBackup(), certificate.isExpired(now), dependentSecrets);
    }

    public boolean active() {
        return state == CertificateState.ACTIVE;
    }

    /** Whether "Set active" can succeed now. */
    public boolean activatable() {
        return state == CertificateState.AVAILABLE && !requiresBackup && !expired;
    }

    /** Whether "Delete" and "Retire" can succeed now. */
    public boolean removable() {
        return state != CertificateState.ACTIVE && dependentSecrets == 0;
    }

    public boolean exportable() {
        return keyStorage == KeyStorage.SOFTWARE;
    }

    /** "RSA 4096". */
    public String keyDescription() {
        return keyAlgorithm + " " + keySize;
    }
}
