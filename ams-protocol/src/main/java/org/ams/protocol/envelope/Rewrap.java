package org.ams.protocol.envelope;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

import org.ams.protocol.RecoveryPassword;

/**
 * Moves envelopes from one encryption certificate to another when the server's certificate is rotated: open with
 * the old key, seal to the new certificate, without the content ever being stored or returned.
 *
 * <p>The intermediate plaintext is wiped as soon as it is sealed again. Copies that the JCA providers make internally
 * while decrypting cannot be reached from here; they are short-lived garbage.
 */
public final class Rewrap {

    private final EnvelopeDecryptor decryptor;
    private final EnvelopeEncryptor encryptor;

    /**
     * @param decryptor opens the old envelopes (configure its key provider for an HSM-held old key)
     * @param encryptor seals to the new certificate
     */
    public Rewrap(EnvelopeDecryptor decryptor, EnvelopeEncryptor encryptor) {
        this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
        this.encryptor = Objects.requireNonNull(encryptor, "encryptor");
    }

    /**
     * Re-encrypts any envelope content. The result is always {@link EnvelopeFormat#AUTH_ENVELOPED_AES256_GCM}, so
     * rewrapping also upgrades envelopes the decryptor accepted in another format.
     *
     * @param der the envelope addressed to {@code oldCertificate}
     * @param oldKey the private key of {@code oldCertificate}
     * @param oldCertificate the certificate being retired
     * @param newCertificate the certificate to seal to
     * @return the new envelope
     * @throws EnvelopeException if the old envelope cannot be opened or the new certificate cannot be encrypted to
     */
    public byte[] rewrap(byte[] der, PrivateKey oldKey, X509Certificate oldCertificate, X509Certificate newCertificate)
            throws EnvelopeException {
        Objects.requireNonNull(newCertificate, "newCertificate");
        byte[] plaintext = decryptor.decrypt(der, oldKey, oldCertificate);
        try {
            return encryptor.encrypt(plaintext, newCertificate);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Re-encrypts an envelope that must hold a recovery password, checking it on the way, so a damaged or foreign
     * envelope is reported during rotation instead of being carried forward. The new envelope holds the canonical
     * dashed form.
     *
     * @param der the envelope addressed to {@code oldCertificate}
     * @param oldKey the private key of {@code oldCertificate}
     * @param oldCertificate the certificate being retired
     * @param newCertificate the certificate to seal to
     * @return the new envelope
     * @throws EnvelopeException as {@link #rewrap}, or {@link EnvelopeException.Reason#INVALID_CONTENT} if the old
     *         envelope does not hold a valid recovery password
     */
    public byte[] rewrapRecoveryPassword(byte[] der, PrivateKey oldKey, X509Certificate oldCertificate, X509Certificate newCertificate)
            throws EnvelopeException {
        Objects.requireNonNull(newCertificate, "newCertificate");
        RecoveryPassword password = decryptor.openRecoveryPassword(der, oldKey, oldCertificate);
        return encryptor.seal(password, newCertificate);
    }
}
