package org.ams.protocol.envelope;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.ams.protocol.BouncyCastle;
import org.ams.protocol.InvalidRecoveryPasswordException;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;

/**
 * Opens CMS envelopes written by {@link EnvelopeEncryptor} (or by OpenSSL with the same parameters), and tells whom
 * an envelope is addressed to without opening it.
 *
 * <h2>What is accepted</h2>
 * <ul>
 *   <li>At most {@link #DEFAULT_MAX_ENVELOPE_BYTES} bytes unless configured otherwise; a recovery password envelope
 *       is well under 1 KiB, so anything large is refused before it is parsed.</li>
 *   <li>{@link EnvelopeFormat#AUTH_ENVELOPED_AES256_GCM} only, unless the decryptor is built with
 *       {@link Builder#acceptUnauthenticatedEnvelopedData()} to import envelopes made with
 *       {@code openssl cms -encrypt -aes256}.</li>
 *   <li>Key transport RSAES-OAEP with SHA-256/384/512; never PKCS#1 v1.5.</li>
 * </ul>
 *
 * <h2>Where the private key lives</h2>
 * The symmetric part always runs in BouncyCastle. The RSA part runs where the key can be used:
 * <ul>
 *   <li>in BouncyCastle, for an extractable software key (any provider's) when no key provider is configured;</li>
 *   <li>in the configured {@linkplain Builder#keyProvider(Provider) key provider}, e.g. a SunPKCS11 instance holding a
 *       non-extractable HSM key; if that provider has no OAEP cipher, only the raw RSA operation runs there and the
 *       OAEP decoding runs in software (the key still never leaves the provider);</li>
 *   <li>for an opaque key with no provider configured, in whichever installed JCA provider accepts the key.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EnvelopeDecryptor {

    /** Default upper bound on an envelope's size, 64 KiB. */
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 64 * 1024;

    private static final int GCM_NONCE_LENGTH = 12;
    private static final int GCM_TAG_LENGTH = 16;
    private static final int CBC_IV_LENGTH = 16;
    private static final int AES256_KEY_LENGTH = 32;

    private final int maxEnvelopeBytes;
    private final Set<EnvelopeFormat> acceptedFormats;
    private final Provider keyProvider;

    private EnvelopeDecryptor(Builder builder) {
        this.maxEnvelopeBytes = builder.maxEnvelopeBytes;
        this.acceptedFormats = Collections.unmodifiableSet(EnumSet.copyOf(builder.acceptedFormats));
        this.keyProvider = builder.keyProvider;
    }

    /** A decryptor with the defaults: 64 KiB limit, authenticated envelopes only, RSA in BouncyCastle or JCA's choice. */
    public EnvelopeDecryptor() {
        this(new Builder());
    }

    /** @return a builder for a decryptor with non-default settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decrypts an envelope.
     *
     * @param der the envelope
     * @param key the private key of {@code certificate}
     * @param certificate the certificate the envelope must be addressed to
     * @return the content; the caller wipes it when done
     * @throws EnvelopeException if the envelope is too large, malformed, of a refused format or algorithm, not
     *         addressed to {@code certificate}, or does not decrypt with {@code key}
     */
    public byte[] decrypt(byte[] der, PrivateKey key, X509Certificate certificate) throws EnvelopeException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        Envelope envelope = read(der);
        if (!acceptedFormats.contains(envelope.format())) {
            throw new EnvelopeException(Reason.UNSUPPORTED_FORMAT, "the envelope is an unauthenticated EnvelopedData, "
                    + "which this decryptor refuses because alterations to it cannot be detected; expected AuthEnvelopedData");
        }
        Optional<RecipientInformation> recipientInfo = envelope.recipientInfoFor(certificate);
        if (recipientInfo.isEmpty()) {
            throw new EnvelopeException(Reason.WRONG_RECIPIENT, "the envelope is addressed to " + envelope.recipients()
                    + ", not to the certificate issuer=" + certificate.getIssuerX500Principal().getName()
                    + ", serial=" + certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
        }
        RsaOaep oaep = RsaOaep.accept(recipientInfo.get().getKeyEncryptionAlgorithm());
        Recipient recipient = recipientFor(envelope.format(), key, certificate, oaep);
        try {
            return recipientInfo.get().getContent(recipient);
        } catch (CMSException | RuntimeException e) {
            // BouncyCastle reports a failed tag, bad padding or a wrong key variously as CMSException or as runtime
            // exceptions from its streams; all mean the same to the caller and get the same message.
            throw new EnvelopeException(Reason.DECRYPTION_FAILED, "the envelope could not be decrypted: the private key "
                    + "does not belong to the certificate, or the envelope was altered", e);
        }
    }

    /**
     * Decrypts an envelope made by {@link EnvelopeEncryptor#seal} and checks that it holds a valid recovery password.
     *
     * @param der the envelope
     * @param key the private key of {@code certificate}
     * @param certificate the certificate the envelope must be addressed to
     * @return the recovery password
     * @throws EnvelopeException as {@link #decrypt}, or {@link Reason#INVALID_CONTENT} if the content is not a
     *         recovery password (the message says which group fails, never its digits)
     */
    public RecoveryPassword openRecoveryPassword(byte[] der, PrivateKey key, X509Certificate certificate) throws EnvelopeException {
        byte[] plaintext = decrypt(der, key, certificate);
        char[] text = new char[plaintext.length];
        try {
            for (int i = 0; i < plaintext.length; i++) {
                // Bytes map one-to-one onto chars; anything outside ASCII is then rejected by the digit check.
                text[i] = (char) (plaintext[i] & 0xFF);
            }
            return RecoveryPassword.parse(text);
        } catch (InvalidRecoveryPasswordException e) {
            throw new EnvelopeException(Reason.INVALID_CONTENT,
                    "the envelope decrypted but does not hold a valid recovery password: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Lists whom an envelope is addressed to, without decrypting it.
     *
     * @param der the envelope
     * @return its key-transport recipients, in the order they appear
     * @throws EnvelopeException if the envelope is too large, malformed or not an envelope
     */
    public List<EnvelopeRecipient> recipientsOf(byte[] der) throws EnvelopeException {
        return read(der).recipients();
    }

    /**
     * Picks, from the certificates the caller holds keys for, the one an envelope is addressed to, without decrypting
     * it. This is how the server checks that an upload is encrypted to a certificate it knows, and chooses the key.
     *
     * @param der the envelope
     * @param candidates certificates whose private keys are available
     * @return the first candidate the envelope is addressed to, or empty if it is addressed to none of them
     * @throws EnvelopeException if the envelope is too large, malformed or not an envelope
     */
    public Optional<X509Certificate> findRecipientCertificate(byte[] der, Collection<? extends X509Certificate> candidates)
            throws EnvelopeException {
        Objects.requireNonNull(candidates, "candidates");
        Envelope envelope = read(der);
        for (X509Certificate candidate : candidates) {
            if (envelope.recipientInfoFor(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * @param der the envelope
     * @return which format it is in, whether or not this decryptor accepts that format
     * @throws EnvelopeException if the envelope is too large, malformed or not an envelope
     */
    public EnvelopeFormat formatOf(byte[] der) throws EnvelopeException {
        return read(der).format();
    }

    private Envelope read(byte[] der) throws EnvelopeException {
        Objects.requireNonNull(der, "der");
        if (der.length == 0) {
            throw new EnvelopeException(Reason.MALFORMED, "the envelope is empty");
        }
        if (der.length > maxEnvelopeBytes) {
            throw new EnvelopeException(Reason.TOO_LARGE,
                    "the envelope is " + der.length + " bytes; at most " + maxEnvelopeBytes + " are accepted");
        }
        ContentInfo contentInfo;
        // ASN1InputStream over an array refuses lengths beyond the array, so a forged length cannot make it allocate
        // more than the (already bounded) input.
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive object = in.readObject();
            if (object == null || in.available() > 0) {
                throw new EnvelopeException(Reason.MALFORMED, "the envelope has bytes after its CMS structure");
            }
            contentInfo = ContentInfo.getInstance(object);
        } catch (IOException | RuntimeException e) {
            throw new EnvelopeException(Reason.MALFORMED, "the envelope is not a CMS ContentInfo (garbage or truncated)", e);
        }
        if (contentInfo == null || contentInfo.getContent() == null) {
            throw new EnvelopeException(Reason.MALFORMED, "the envelope is not a CMS ContentInfo");
        }
        ASN1ObjectIdentifier contentType = contentInfo.getContentType();
        try {
            if (CMSObjectIdentifiers.authEnvelopedData.equals(contentType)) {
                EncryptedContentInfo content = AuthEnvelopedData.getInstance(contentInfo.getContent()).getAuthEncryptedContentInfo();
                checkGcm(content);
                return new Envelope(EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM, new CMSAuthEnvelopedData(contentInfo).getRecipientInfos());
            }
            if (CMSObjectIdentifiers.envelopedData.equals(contentType)) {
                EncryptedContentInfo content = EnvelopedData.getInstance(contentInfo.getContent()).getEncryptedContentInfo();
                checkCbc(content);
                return new Envelope(EnvelopeFormat.ENVELOPED_AES256_CBC, new CMSEnvelopedData(contentInfo).getRecipientInfos());
            }
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(Reason.MALFORMED, "the envelope's " + contentType.getId() + " structure is malformed", e);
        }
        throw new EnvelopeException(Reason.UNSUPPORTED_FORMAT,
                "the CMS content type is " + contentType.getId() + ", not AuthEnvelopedData or EnvelopedData");
    }

    private static void checkGcm(EncryptedContentInfo content) throws EnvelopeException {
        checkDataContentType(content);
        AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
        if (!NISTObjectIdentifiers.id_aes256_GCM.equals(algorithm.getAlgorithm())) {
            throw new EnvelopeException(Reason.UNSUPPORTED_ALGORITHM, "the content is encrypted with "
                    + algorithm.getAlgorithm().getId() + "; AuthEnvelopedData must use AES-256-GCM");
        }
        GCMParameters parameters = GCMParameters.getInstance(algorithm.getParameters());
        if (parameters.getNonce().length != GCM_NONCE_LENGTH || parameters.getIcvLen() != GCM_TAG_LENGTH) {
            throw new EnvelopeException(Reason.UNSUPPORTED_ALGORITHM, "AES-256-GCM must use a 12-byte nonce and a 16-byte tag");
        }
    }

    private static void checkCbc(EncryptedContentInfo content) throws EnvelopeException {
        checkDataContentType(content);
        AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
        if (!NISTObjectIdentifiers.id_aes256_CBC.equals(algorithm.getAlgorithm())) {
            throw new EnvelopeException(Reason.UNSUPPORTED_ALGORITHM, "the content is encrypted with "
                    + algorithm.getAlgorithm().getId() + "; EnvelopedData must use AES-256-CBC");
        }
        if (!(algorithm.getParameters() instanceof ASN1OctetString iv) || iv.getOctets().length != CBC_IV_LENGTH) {
            throw new EnvelopeException(Reason.UNSUPPORTED_ALGORITHM, "AES-256-CBC must carry a 16-byte IV");
        }
    }

    private static void checkDataContentType(EncryptedContentInfo content) throws EnvelopeException {
        if (!CMSObjectIdentifiers.data.equals(content.getContentType())) {
            throw new EnvelopeException(Reason.UNSUPPORTED_FORMAT,
                    "the encrypted content type is " + content.getContentType().getId() + ", not id-data");
        }
    }

    private Recipient recipientFor(EnvelopeFormat format, PrivateKey key, X509Certificate certificate, RsaOaep oaep)
            throws EnvelopeException {
        if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new EnvelopeException(Reason.KEY_UNUSABLE, "the private key is " + key.getAlgorithm() + ", not RSA");
        }
        JceKeyTransRecipient recipient;
        if (keyProvider == null && key.getEncoded() != null) {
            recipient = format == EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM
                    ? new JceKeyTransAuthEnvelopedRecipient(key) : new JceKeyTransEnvelopedRecipient(key);
            recipient.setProvider(BouncyCastle.provider());
        } else {
            if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
                throw new EnvelopeException(Reason.KEY_UNUSABLE, "the certificate does not hold an RSA public key");
            }
            KeyProviderDecryption decryption = KeyProviderDecryption.forKey(key, keyProvider, oaep,
                    (publicKey.getModulus().bitLength() + 7) / 8);
            recipient = format == EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM
                    ? new KeyProviderAuthEnvelopedRecipient(key, decryption) : new KeyProviderEnvelopedRecipient(key, decryption);
        }
        recipient.setContentProvider(BouncyCastle.provider());
        recipient.setKeySizeValidation(true);
        // Checked in read() already; repeated here so BouncyCastle itself refuses a substituted algorithm too.
        if (format == EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM) {
            recipient.setAllowedContentAlgorithms(Set.of(NISTObjectIdentifiers.id_aes256_GCM));
            recipient.setMinimumTagSize(GCM_TAG_LENGTH * Byte.SIZE);
        } else {
            recipient.setAllowedContentAlgorithms(Set.of(NISTObjectIdentifiers.id_aes256_CBC));
        }
        return recipient;
    }

    private static Key contentKey(KeyProviderDecryption decryption, byte[] encryptedKey) throws CMSException {
        byte[] contentKey = null;
        try {
            contentKey = decryption.decrypt(encryptedKey);
            if (contentKey.length != AES256_KEY_LENGTH) {
                throw new CMSException("the content-encryption key is not an AES-256 key");
            }
            return new SecretKeySpec(contentKey, "AES");
        } catch (GeneralSecurityException e) {
            throw new CMSException("the content-encryption key could not be recovered", e);
        } finally {
            if (contentKey != null) {
                Arrays.fill(contentKey, (byte) 0);
            }
        }
    }

    /** AuthEnvelopedData recipient whose RSA step runs in the key's provider. */
    private static final class KeyProviderAuthEnvelopedRecipient extends JceKeyTransAuthEnvelopedRecipient {

        private final KeyProviderDecryption decryption;

        KeyProviderAuthEnvelopedRecipient(PrivateKey key, KeyProviderDecryption decryption) {
            super(key);
            this.decryption = decryption;
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryptionAlgorithm, AlgorithmIdentifier contentEncryptionAlgorithm,
                                       byte[] encryptedKey) throws CMSException {
            return contentKey(decryption, encryptedKey);
        }
    }

    /** EnvelopedData recipient whose RSA step runs in the key's provider. */
    private static final class KeyProviderEnvelopedRecipient extends JceKeyTransEnvelopedRecipient {

        private final KeyProviderDecryption decryption;

        KeyProviderEnvelopedRecipient(PrivateKey key, KeyProviderDecryption decryption) {
            super(key);
            this.decryption = decryption;
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryptionAlgorithm, AlgorithmIdentifier contentEncryptionAlgorithm,
                                       byte[] encryptedKey) throws CMSException {
            return contentKey(decryption, encryptedKey);
        }
    }

    /** A parsed envelope whose format and algorithms have passed the checks above. */
    private record Envelope(EnvelopeFormat format, RecipientInformationStore recipientInfos) {

        List<EnvelopeRecipient> recipients() throws EnvelopeException {
            List<EnvelopeRecipient> recipients = new ArrayList<>();
            for (RecipientInformation info : recipientInfos.getRecipients()) {
                if (info instanceof KeyTransRecipientInformation && info.getRID() instanceof KeyTransRecipientId id) {
                    try {
                        recipients.add(EnvelopeRecipient.of(id));
                    } catch (IOException e) {
                        throw new EnvelopeException(Reason.MALFORMED, "a recipient's issuer name is malformed", e);
                    }
                }
            }
            return List.copyOf(recipients);
        }

        Optional<RecipientInformation> recipientInfoFor(X509Certificate certificate) throws EnvelopeException {
            for (RecipientInformation info : recipientInfos.getRecipients()) {
                if (info instanceof KeyTransRecipientInformation && info.getRID() instanceof KeyTransRecipientId id) {
                    try {
                        if (EnvelopeRecipient.of(id).matches(certificate)) {
                            return Optional.of(info);
                        }
                    } catch (IOException e) {
                        throw new EnvelopeException(Reason.MALFORMED, "a recipient's issuer name is malformed", e);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Settings for an {@link EnvelopeDecryptor}. */
    public static final class Builder {

        private int maxEnvelopeBytes = DEFAULT_MAX_ENVELOPE_BYTES;
        private final Set<EnvelopeFormat> acceptedFormats = EnumSet.of(EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM);
        private Provider keyProvider;

        private Builder() {
        }

        /**
         * @param bytes the largest envelope to parse; larger ones are refused unread
         * @return this builder
         */
        public Builder maxEnvelopeBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("the maximum envelope size must be positive");
            }
            this.maxEnvelopeBytes = bytes;
            return this;
        }

        /**
         * Also accept {@link EnvelopeFormat#ENVELOPED_AES256_CBC}, for importing envelopes made with
         * {@code openssl cms -encrypt -aes256}. Only for offline or administrator-driven imports: where a client can
         * submit envelopes and observe failures, unauthenticated CBC can act as a padding oracle.
         *
         * @return this builder
         */
        public Builder acceptUnauthenticatedEnvelopedData() {
            acceptedFormats.add(EnvelopeFormat.ENVELOPED_AES256_CBC);
            return this;
        }

        /**
         * @param provider the provider holding the private keys this decryptor will be given (e.g. a configured
         *        SunPKCS11 instance), which then performs every RSA operation
         * @return this builder
         */
        public Builder keyProvider(Provider provider) {
            this.keyProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** @return the decryptor */
        public EnvelopeDecryptor build() {
            return new EnvelopeDecryptor(this);
        }
    }
}
