package org.ams.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * Private keys kept in the certificate's own database row, as PKCS#8 sealed with the installation's
 * {@link MasterKey} under the purpose {@value #PURPOSE}: a copy of the database alone reveals no key.
 * <p>
 * The RSA private-key operation runs in the JDK's own provider (SunJCE's RSA-OAEP with SunRsaSign keys), which on
 * this platform is faster than BouncyCastle's RSA; the CMS structure and AES-GCM are still handled by BouncyCastle.
 */
@ApplicationScoped
public class SoftwareKeyStore implements PrivateKeyStore {

    static final String PURPOSE = "encryption-certificate-key";

    private volatile MasterKey masterKey;
    private volatile EnvelopeDecryptor decryptor;

    @Override
    public KeyStorage storage() {
        return KeyStorage.SOFTWARE;
    }

    /** Seals an extractable private key for {@link EncryptionCertificate#withSoftwareKey}. */
    byte[] seal(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null) {
            throw new CertificateRefusedException("The private key cannot be exported from where it is kept.");
        }
        try {
            return masterKey().seal(pkcs8, PURPOSE);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public PrivateKey privateKey(EncryptionCertificate certificate) {
        if (certificate.getKeyStorage() != KeyStorage.SOFTWARE) {
            throw new IllegalArgumentException(certificate + " does not keep its key in the database");
        }
        byte[] pkcs8 = masterKey().open(certificate.sealedPrivateKey(), PURPOSE);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored private key of " + certificate.getSubject() + " is not an RSA key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public EnvelopeDecryptor decryptor() {
        if (decryptor == null) {
            Provider jdk = Security.getProvider("SunJCE");
            decryptor = jdk == null ? new EnvelopeDecryptor() : EnvelopeDecryptor.builder().keyProvider(jdk).build();
        }
        return decryptor;
    }

    @Override
    public <T> T decrypt(EncryptionCertificate certificate, Decryption<T> decryption) throws EnvelopeException {
        return decryption.apply(decryptor(), privateKey(certificate));
    }

    private MasterKey masterKey() {
        if (masterKey == null) {
            masterKey = MasterKey.load(AmsSettings.current());
        }
        return masterKey;
    }
}
