package org.ams.it.upgrade;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.envelope.Rewrap;

/**
 * Every secret of the fixture made with the product's own classes, in the formats the server reads: the master key
 * file in the data directory ({@link MasterKey}), encryption certificates and their PKCS#8 private keys sealed under
 * it, recovery passwords sealed to a certificate as an agent seals them, and configuration secrets (bind password,
 * SMTP password, webhook headers) sealed under it and stored as Base64.
 */
final class FixtureCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!".toCharArray();

    private final MasterKey masterKey;
    private final EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
    private final EnvelopeDecryptor decryptor = new EnvelopeDecryptor();

    private FixtureCrypto(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /**
     * The master key of the installation whose data directory this is, created there (owner-only) the way the server
     * creates it for a new database; a server started on the same directory loads the same key.
     */
    static FixtureCrypto forDataDirectory(Path dataDirectory) {
        AmsSettings settings = AmsSettings.of(Map.of(AmsSettings.DATA_DIR, dataDirectory.toString()), Map.of());
        MasterKey.createFileIfAbsent(settings);
        return new FixtureCrypto(MasterKey.load(settings));
    }

    /** A self-signed encryption certificate issued at {@code issuedAt}, valid for 20 years, with its key pair. */
    EncryptionCredential newCertificate(String commonName, int rsaBits, Instant issuedAt) {
        return EncryptionCertificates.generate(commonName, rsaBits, ChronoUnit.YEARS.getDuration().multipliedBy(20),
                Clock.fixed(issuedAt, ZoneOffset.UTC));
    }

    /** The PKCS#8 private key sealed as {@code SoftwareKeyStore} keeps it in {@code sealed_private_key}. */
    byte[] sealPrivateKey(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        try {
            return masterKey.seal(pkcs8, ProductConstants.CERTIFICATE_KEY_PURPOSE);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The private key back from its sealed column, as the server unseals it. */
    PrivateKey openPrivateKey(byte[] sealed) throws GeneralSecurityException {
        byte[] pkcs8 = masterKey.open(sealed, ProductConstants.CERTIFICATE_KEY_PURPOSE);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** A random BitLocker recovery password: any 128-bit key is one, with a correct check digit in every group. */
    static RecoveryPassword newRecoveryPassword() {
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        RANDOM.nextBytes(key);
        try {
            return RecoveryPassword.fromKeyBytes(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The SHA-256 of a recovery password's canonical dashed form, the digest the facts keep. */
    static String digest(RecoveryPassword password) {
        byte[] ascii = password.toAsciiBytes();
        try {
            return FixtureFacts.sha256(ascii);
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    /** The envelope an agent uploads: the recovery password sealed to the certificate. */
    byte[] seal(RecoveryPassword password, X509Certificate certificate) throws EnvelopeException {
        return encryptor.seal(password, certificate);
    }

    /** What a rotation batch does to one recovery password: opened with the old key, sealed to the new one. */
    byte[] rewrap(byte[] envelope, PrivateKey oldKey, X509Certificate oldCertificate, X509Certificate newCertificate)
            throws EnvelopeException {
        return new Rewrap(decryptor, encryptor).rewrapRecoveryPassword(envelope, oldKey, oldCertificate, newCertificate);
    }

    RecoveryPassword open(byte[] envelope, PrivateKey key, X509Certificate certificate) throws EnvelopeException {
        return decryptor.openRecoveryPassword(envelope, key, certificate);
    }

    /** A configuration secret sealed under the master key for {@code purpose}, Base64 as its column holds it. */
    String sealText(char[] secret, String purpose) {
        return masterKey.sealText(secret, purpose);
    }

    /** Opens what {@link #sealText} sealed; the caller wipes the result. */
    char[] openText(String sealedBase64, String purpose) {
        return masterKey.openText(sealedBase64, purpose);
    }

    /** A random password of the given length, for accounts, bind users and mail relays of the fixture. */
    static char[] newPassword(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
        }
        return password;
    }

    /** Random bytes as URL-safe Base64, for registration keys and bearer tokens. */
    static String newToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
