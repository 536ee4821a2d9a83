package org.ams.protocol.certificate;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An encryption certificate together with its private key.
 *
 * @param privateKey the private key; never printed
 * @param certificate the certificate holding the matching public key
 */
public record EncryptionCredential(PrivateKey privateKey, X509Certificate certificate) {

    /**
     * @param privateKey the private key
     * @param certificate the certificate holding the matching public key
     */
    public EncryptionCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** @return the certificate's public key */
    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    /** Names the certificate only: some providers' private key {@code toString()} prints key material. */
    @Override
    public String toString() {
        return "EncryptionCredential[subject=" + certificate.getSubjectX500Principal().getName()
                + ", sha256=" + EncryptionCertificates.thumbprintSha256(certificate) + "]";
    }
}
