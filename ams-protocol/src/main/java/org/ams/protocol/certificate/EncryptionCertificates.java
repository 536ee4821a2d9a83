package org.ams.protocol.certificate;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.ams.protocol.BouncyCastle;
import org.ams.protocol.certificate.Pkcs12ImportException.Reason;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Creates, identifies, exports and imports the RSA encryption certificates recovery passwords are sealed to.
 */
public final class EncryptionCertificates {

    /**
     * The extended key usage that marks a certificate as an AMS encryption certificate.
     *
     * <p>A UUID-derived OID ({@code 2.25.<the UUID as an integer>}, ITU-T X.667 / ISO/IEC 9834-8): unique without
     * registration with anybody, so it cannot collide with another organisation's OID. The UUID is
     * {@code 5eca3848-6044-4fb5-a350-971cb1b19a36}. Certificates carry it for their whole life: never change it.
     */
    public static final String AMS_ENCRYPTION_EKU = "2.25.125997417118364777070660889106766207542";

    /** The smallest RSA key AMS generates or imports. */
    public static final int MIN_RSA_KEY_BITS = 2048;

    /**
     * PBKDF2 and MAC iterations for PKCS#12 export: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. A backup file may be
     * stolen and attacked offline for years; the cost is paid once per export or import.
     */
    static final int PKCS12_ITERATIONS = 600_000;

    /**
     * How far before "now" a new certificate's validity starts, so an agent whose clock runs somewhat behind the
     * server's does not refuse a certificate generated moments ago.
     */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final int SERIAL_NUMBER_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptionCertificates() {
    }

    /**
     * Generates an RSA key pair and a self-signed encryption certificate for it.
     *
     * <p>The certificate has basicConstraints CA:false and keyUsage keyEncipherment (both critical), the
     * {@link #AMS_ENCRYPTION_EKU} extended key usage, and subject and authority key identifiers. It is signed with
     * SHA256withRSA and valid from one hour ago (clock-skew allowance) for {@code validity}.
     *
     * @param subjectCN the certificate's common name, e.g. {@code AMS recovery password encryption 2025}
     * @param rsaBits the RSA key size, at least 2048
     * @param validity how long the certificate is valid from now
     * @return the private key and certificate
     */
    public static EncryptionCredential generate(String subjectCN, int rsaBits, Duration validity) {
        return generate(subjectCN, rsaBits, validity, Clock.systemUTC());
    }

    /**
     * As {@link #generate(String, int, Duration)}, with "now" taken from {@code clock}.
     *
     * @param subjectCN the certificate's common name
     * @param rsaBits the RSA key size, at least 2048
     * @param validity how long the certificate is valid from now
     * @param clock the clock "now" comes from
     * @return the private key and certificate
     */
    public static EncryptionCredential generate(String subjectCN, int rsaBits, Duration validity, Clock clock) {
        Objects.requireNonNull(subjectCN, "subjectCN");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(clock, "clock");
        if (subjectCN.isBlank()) {
            throw new IllegalArgumentException("the subject common name must not be blank");
        }
        if (rsaBits < MIN_RSA_KEY_BITS) {
            throw new IllegalArgumentException("RSA keys must have at least " + MIN_RSA_KEY_BITS + " bits, not " + rsaBits);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("the validity must be positive");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.provider());
            generator.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), RANDOM);
            KeyPair keyPair = generator.generateKeyPair();
            return new EncryptionCredential(keyPair.getPrivate(),
                    selfSigned(keyPair.getPublic(), keyPair.getPrivate(), BouncyCastle.provider(), subjectCN, validity, clock));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate an encryption certificate", e);
        }
    }

    /**
     * Issues the self-signed encryption certificate {@link #generate} describes for a key pair made elsewhere, e.g.
     * inside an HSM whose private key never leaves it: the signature is made by {@code signatureProvider}.
     *
     * @param publicKey the RSA public key the certificate holds, at least 2048 bits
     * @param privateKey the matching private key, used only to sign
     * @param signatureProvider the provider that can sign with {@code privateKey} (e.g. a SunPKCS11 instance)
     * @param subjectCN the certificate's common name
     * @param validity how long the certificate is valid from now
     * @param clock the clock "now" comes from
     * @return the certificate
     */
    public static X509Certificate selfSigned(PublicKey publicKey, PrivateKey privateKey, Provider signatureProvider,
                                             String subjectCN, Duration validity, Clock clock) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(signatureProvider, "signatureProvider");
        Objects.requireNonNull(subjectCN, "subjectCN");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(clock, "clock");
        if (subjectCN.isBlank()) {
            throw new IllegalArgumentException("the subject common name must not be blank");
        }
        if (!(publicKey instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_KEY_BITS) {
            throw new IllegalArgumentException("the key must be an RSA key of at least " + MIN_RSA_KEY_BITS + " bits");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("the validity must be positive");
        }
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subjectCN).build();
            byte[] serial = new byte[SERIAL_NUMBER_BYTES];
            RANDOM.nextBytes(serial);
            serial[0] &= 0x7F;
            serial[0] |= 0x40; // keeps the serial positive and never zero, as RFC 5280 requires
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(serial),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(AMS_ENCRYPTION_EKU))))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(publicKey));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").setProvider(signatureProvider).build(privateKey));
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(holder);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not issue an encryption certificate", e);
        }
    }

    /**
     * @param certificate a certificate
     * @return the SHA-256 hash of its DER encoding, 64 upper-case hex digits without separators
     */
    public static String thumbprintSha256(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * @param certificate a certificate
     * @return whether it carries the {@link #AMS_ENCRYPTION_EKU} extended key usage
     */
    public static boolean hasAmsEncryptionUsage(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(AMS_ENCRYPTION_EKU);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /**
     * Exports a private key and its certificate as PKCS#12, for an administrator's offline backup.
     *
     * <p>The key is shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and the file is MACed with HMAC-SHA256,
     * both with {@value #PKCS12_ITERATIONS} iterations: OpenSSL 3 reads it without {@code -legacy}, and Windows 10
     * 1709 and later import it. The certificate is not encrypted; it is public.
     *
     * @param privateKey the private key; must be extractable
     * @param certificate the certificate holding the matching public key
     * @param password the file password; not kept
     * @return the DER-encoded PKCS#12 file
     */
    public static byte[] toPkcs12(PrivateKey privateKey, X509Certificate certificate, char[] password) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("a PKCS#12 backup needs a password");
        }
        if (privateKey.getEncoded() == null) {
            throw new IllegalArgumentException("the private key cannot be exported (it is not extractable)");
        }
        if (!belongsTo(privateKey, certificate)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate");
        }
        try {
            DERBMPString friendlyName = new DERBMPString(certificate.getSubjectX500Principal().getName());
            // Windows and OpenSSL pair a key with its certificate through a shared localKeyId.
            DEROctetString localKeyId = new DEROctetString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));

            PKCS12SafeBagBuilder certificateBag = new JcaPKCS12SafeBagBuilder(certificate);
            certificateBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, friendlyName);
            certificateBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            OutputEncryptor keyEncryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .setIterationCount(PKCS12_ITERATIONS)
                    .setProvider(BouncyCastle.provider())
                    .build(password);
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(privateKey, keyEncryptor);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, friendlyName);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPdu pfx = new PKCS12PfxPduBuilder()
                    .addData(certificateBag.build())
                    .addData(keyBag.build())
                    .build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                            .setIterationCount(PKCS12_ITERATIONS)
                            .setProvider(BouncyCastle.provider()), password);
            return pfx.getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | IOException e) {
            throw new IllegalStateException("could not write the PKCS#12 file", e);
        }
    }

    /**
     * Imports an encryption credential from PKCS#12, checking that it is fit to seal recovery passwords to.
     *
     * @param pkcs12 the file's bytes
     * @param password the file password; not kept
     * @return the private key and the certificate that holds its public key
     * @throws Pkcs12ImportException if the file is damaged, the password is wrong, or it does not hold exactly one
     *         RSA key of at least 2048 bits with a matching certificate that is valid now
     */
    public static EncryptionCredential fromPkcs12(byte[] pkcs12, char[] password) throws Pkcs12ImportException {
        return fromPkcs12(pkcs12, password, Clock.systemUTC());
    }

    /**
     * As {@link #fromPkcs12(byte[], char[])}, checking validity against {@code clock}.
     *
     * @param pkcs12 the file's bytes
     * @param password the file password; not kept
     * @param clock the clock certificate validity is checked against
     * @return the private key and the certificate that holds its public key
     * @throws Pkcs12ImportException if the file cannot serve as an encryption credential
     */
    public static EncryptionCredential fromPkcs12(byte[] pkcs12, char[] password, Clock clock) throws Pkcs12ImportException {
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clock, "clock");
        PKCS12PfxPdu pfx;
        try {
            pfx = new PKCS12PfxPdu(pkcs12);
        } catch (IOException | RuntimeException e) {
            throw new Pkcs12ImportException(Reason.MALFORMED, "the file is not a PKCS#12 file", e);
        }
        try {
            if (pfx.hasMac() && !pfx.isMacValid(new JcePKCS12MacCalculatorBuilderProvider().setProvider(BouncyCastle.provider()), password)) {
                throw new Pkcs12ImportException(Reason.WRONG_PASSWORD, "the password does not open this PKCS#12 file");
            }
        } catch (PKCSException | RuntimeException e) {
            throw new Pkcs12ImportException(Reason.MALFORMED, "the PKCS#12 integrity check could not be performed", e);
        }

        InputDecryptorProvider decryptor = new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password);
        List<PrivateKeyInfo> keys = new ArrayList<>();
        List<X509CertificateHolder> certificates = new ArrayList<>();
        for (ContentInfo content : pfx.getContentInfos()) {
            PKCS12SafeBagFactory bags;
            try {
                bags = PKCSObjectIdentifiers.encryptedData.equals(content.getContentType())
                        ? new PKCS12SafeBagFactory(content, decryptor) : new PKCS12SafeBagFactory(content);
            } catch (PKCSException | RuntimeException e) {
                // Without a MAC, a wrong password first shows up here.
                throw new Pkcs12ImportException(Reason.WRONG_PASSWORD, "the password does not decrypt this PKCS#12 file", e);
            }
            for (PKCS12SafeBag bag : bags.getSafeBags()) {
                collect(bag, decryptor, keys, certificates);
            }
        }

        if (keys.isEmpty()) {
            throw new Pkcs12ImportException(Reason.NO_PRIVATE_KEY, "the PKCS#12 file holds no private key, only certificates");
        }
        if (keys.size() > 1) {
            throw new Pkcs12ImportException(Reason.MORE_THAN_ONE_KEY,
                    "the PKCS#12 file holds " + keys.size() + " private keys; export only the encryption key");
        }
        PrivateKey privateKey = rsaPrivateKey(keys.get(0));
        X509Certificate certificate = matchingCertificate(privateKey, certificates);
        Instant now = clock.instant();
        String subject = certificate.getSubjectX500Principal().getName();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new Pkcs12ImportException(Reason.CERTIFICATE_EXPIRED,
                    "the certificate " + subject + " expired on " + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new Pkcs12ImportException(Reason.CERTIFICATE_NOT_YET_VALID,
                    "the certificate " + subject + " is not valid before " + certificate.getNotBefore().toInstant());
        }
        return new EncryptionCredential(privateKey, certificate);
    }

    private static void collect(PKCS12SafeBag bag, InputDecryptorProvider decryptor, List<PrivateKeyInfo> keys,
                                List<X509CertificateHolder> certificates) throws Pkcs12ImportException {
        ASN1ObjectIdentifier type = bag.getType();
        if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(type)) {
            try {
                keys.add(((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).decryptPrivateKeyInfo(decryptor));
            } catch (PKCSException | RuntimeException e) {
                throw new Pkcs12ImportException(Reason.WRONG_PASSWORD, "the password does not decrypt the private key", e);
            }
        } else if (PKCSObjectIdentifiers.keyBag.equals(type)) {
            keys.add((PrivateKeyInfo) bag.getBagValue());
        } else if (PKCSObjectIdentifiers.certBag.equals(type) && bag.getBagValue() instanceof X509CertificateHolder holder) {
            certificates.add(holder);
        }
    }

    private static PrivateKey rsaPrivateKey(PrivateKeyInfo info) throws Pkcs12ImportException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            throw new Pkcs12ImportException(Reason.KEY_NOT_RSA,
                    "the private key is not an RSA key (algorithm " + algorithm.getId() + "); AMS encrypts only to RSA");
        }
        RSAPrivateKey key;
        try {
            key = (RSAPrivateKey) KeyFactory.getInstance("RSA", BouncyCastle.provider())
                    .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new Pkcs12ImportException(Reason.MALFORMED, "the RSA private key is malformed", e);
        }
        if (key.getModulus().bitLength() < MIN_RSA_KEY_BITS) {
            throw new Pkcs12ImportException(Reason.KEY_TOO_SMALL, "the RSA key has " + key.getModulus().bitLength()
                    + " bits; at least " + MIN_RSA_KEY_BITS + " are required");
        }
        return key;
    }

    private static X509Certificate matchingCertificate(PrivateKey key, List<X509CertificateHolder> holders) throws Pkcs12ImportException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider());
        for (X509CertificateHolder holder : holders) {
            try {
                X509Certificate certificate = converter.getCertificate(holder);
                if (belongsTo(key, certificate)) {
                    return certificate;
                }
            } catch (GeneralSecurityException e) {
                throw new Pkcs12ImportException(Reason.MALFORMED, "a certificate in the PKCS#12 file is malformed", e);
            }
        }
        throw new Pkcs12ImportException(Reason.NO_MATCHING_CERTIFICATE,
                "no certificate in the PKCS#12 file holds the public key of its private key");
    }

    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        // Comparing moduli is enough: a private and a public RSA key with the same modulus are one key pair.
        return key instanceof RSAPrivateKey rsaKey
                ? certificate.getPublicKey() instanceof RSAPublicKey rsaPublic && rsaKey.getModulus().equals(rsaPublic.getModulus())
                : true;
    }
}
