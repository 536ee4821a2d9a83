package org.ams.protocol.envelope;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.ams.protocol.BouncyCastle;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;

/**
 * Seals a secret to an encryption certificate as a CMS envelope.
 *
 * <h2>Format</h2>
 * A DER-encoded {@code ContentInfo} holding an RFC 5083 <b>AuthEnvelopedData</b>:
 * <ul>
 *   <li>content encryption AES-256-GCM (12-byte random nonce, 16-byte tag), content type {@code id-data};</li>
 *   <li>one KeyTransRecipientInfo, version 0, naming the certificate by issuer and serial number;</li>
 *   <li>key transport RSAES-OAEP with SHA-256 and MGF1-SHA-256, empty label (RFC 4055).</li>
 * </ul>
 *
 * <h2>Why this format</h2>
 * An administrator holding the encryption key exported as PKCS#12 must be able to open any envelope with stock
 * OpenSSL, without AMS. OpenSSL 3 (verified with 3.0.19) decrypts exactly this structure:
 * <pre>
 * openssl pkcs12 -in backup.p12 -nodes -passin file:pass.txt -out key.pem
 * openssl cms -decrypt -inform DER -in envelope.der -inkey key.pem -recip key.pem -out secret.txt
 * </pre>
 * so the authenticated format is used rather than falling back to unauthenticated EnvelopedData/AES-CBC. Note that
 * {@code openssl cms -decrypt} writes the plaintext before it checks the GCM tag: an altered envelope is reported by
 * a non-zero exit status, not by empty output, so scripts must check the status.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EnvelopeEncryptor {

    /** The smallest RSA key AMS encrypts to. */
    public static final int MIN_RSA_KEY_BITS = 2048;

    /** Index of keyEncipherment in the X.509 KeyUsage bit string. */
    private static final int KEY_ENCIPHERMENT = 2;

    private final Clock clock;

    /** An encryptor that checks certificate validity against the system clock. */
    public EnvelopeEncryptor() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the clock certificate validity is checked against
     */
    public EnvelopeEncryptor(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Encrypts bytes to the holder of a certificate's private key.
     *
     * @param plaintext the secret; not modified, and the caller remains responsible for wiping it
     * @param recipient the encryption certificate: RSA, at least 2048 bits, valid now, and (if it has a key usage
     *        extension) allowing keyEncipherment
     * @return the DER-encoded envelope
     * @throws EnvelopeException {@link Reason#UNSUITABLE_CERTIFICATE} if the certificate cannot be encrypted to, or
     *         {@link Reason#ENCRYPTION_FAILED} if the provider fails
     */
    public byte[] encrypt(byte[] plaintext, X509Certificate recipient) throws EnvelopeException {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(recipient, "recipient");
        checkUsable(recipient, clock.instant());
        try {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(
                    new JceKeyTransRecipientInfoGenerator(recipient, RsaOaep.SHA256_MGF1_SHA256).setProvider(BouncyCastle.provider()));
            OutputAEADEncryptor contentEncryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(BouncyCastle.provider())
                    .build();
            CMSAuthEnvelopedData envelope = generator.generate(new CMSProcessableByteArray(plaintext), contentEncryptor);
            // BouncyCastle writes indefinite-length BER; DER gives one canonical encoding to store and compare.
            return envelope.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | CertificateEncodingException | IOException | RuntimeException e) {
            throw new EnvelopeException(Reason.ENCRYPTION_FAILED, "the envelope could not be written: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Seals a recovery password: encrypts its canonical dashed form in US-ASCII, the form
     * {@link EnvelopeDecryptor#openRecoveryPassword} reads and an administrator sees after {@code openssl cms -decrypt}.
     *
     * @param password the recovery password
     * @param recipient the encryption certificate
     * @return the DER-encoded envelope
     * @throws EnvelopeException as {@link #encrypt(byte[], X509Certificate)}
     */
    public byte[] seal(RecoveryPassword password, X509Certificate recipient) throws EnvelopeException {
        Objects.requireNonNull(password, "password");
        byte[] plaintext = password.toAsciiBytes();
        try {
            return encrypt(plaintext, recipient);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static void checkUsable(X509Certificate certificate, Instant now) throws EnvelopeException {
        String subject = certificate.getSubjectX500Principal().getName();
        PublicKey key = certificate.getPublicKey();
        if (!(key instanceof RSAPublicKey rsa)) {
            throw unsuitable("the encryption certificate " + subject + " holds a " + key.getAlgorithm() + " key; AMS encrypts only to RSA keys");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_KEY_BITS) {
            throw unsuitable("the encryption certificate " + subject + " holds a " + rsa.getModulus().bitLength()
                    + "-bit RSA key; at least " + MIN_RSA_KEY_BITS + " bits are required");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw unsuitable("the encryption certificate " + subject + " is not valid before " + certificate.getNotBefore().toInstant());
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw unsuitable("the encryption certificate " + subject + " expired on " + certificate.getNotAfter().toInstant());
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_ENCIPHERMENT || !keyUsage[KEY_ENCIPHERMENT])) {
            throw unsuitable("the encryption certificate " + subject + " does not allow keyEncipherment");
        }
    }

    private static EnvelopeException unsuitable(String message) {
        return new EnvelopeException(Reason.UNSUITABLE_CERTIFICATE, message);
    }
}
