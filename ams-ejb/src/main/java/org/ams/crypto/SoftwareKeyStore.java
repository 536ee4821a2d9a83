package org.ams.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.platform.SealedColumn;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * Private keys kept in the certificate's own database row, as PKCS#8 sealed with the installation's
 * {@link MasterKey} under the purpose {@code encryption-certificate-key} ({@link SealedColumn}): a copy of the
 * database alone reveals no key.
 * <p>
 * The RSA private-key operation runs in the native provider of {@link CryptoEngine} where it loads, else in the
 * JDK's SunJCE; the CMS structure and AES-GCM are still handled by BouncyCastle.
 */
@ApplicationScoped
public class SoftwareKeyStore implements PrivateKeyStore {

    static final String PURPOSE = SealedColumn.CERTIFICATE_PRIVATE_KEY.purpose();

    private volatile MasterKey masterKey;
    /**
     * Keys unsealed for decryption, as the RSA provider's own key objects, by certificate id. Unsealing and importing
     * a 4096-bit key costs about as much as the decryption itself, and a provider computes its per-key tables
     * (Montgomery constants, blinding) once per key object; a key stays here until its certificate is deleted or
     * the server stops. The master key stays needed: the database never holds a key in the clear.
     */
    private final Map<UUID, PrivateKey> operational = new ConcurrentHashMap<>();
    private volatile Provider rsa;
    private volatile EnvelopeDecryptor decryptor;

    public SoftwareKeyStore() {
    }

    /** A store with a given master key and RSA provider, for tools and benchmarks outside the server. */
    SoftwareKeyStore(MasterKey masterKey, Provider rsa) {
        this.masterKey = masterKey;
        this.rsa = rsa;
    }

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

    /** The private key as a JDK key, for exporting it in a backup. Decryption uses {@link #decrypt} instead. */
    @Override
    public PrivateKey privateKey(EncryptionCertificate certificate) {
        return unseal(certificate, null);
    }

    /**
     * Forgets the key of a deleted certificate, so it no longer lingers in memory. A key unsealed again later (the
     * deletion rolled back) is simply cached again.
     */
    void forget(UUID certificateId) {
        operational.remove(certificateId);
    }

    private PrivateKey unseal(EncryptionCertificate certificate, Provider provider) {
        if (certificate.getKeyStorage() != KeyStorage.SOFTWARE) {
            throw new IllegalArgumentException(certificate + " does not keep its key in the database");
        }
        byte[] pkcs8 = masterKey().open(certificate.sealedPrivateKey(), PURPOSE);
        try {
            KeyFactory factory = provider == null || provider.getService("KeyFactory", "RSA") == null
                    ? KeyFactory.getInstance("RSA") : KeyFactory.getInstance("RSA", provider);
            return factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored private key of " + certificate.getSubject() + " is not an RSA key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public EnvelopeDecryptor decryptor() {
        if (decryptor == null) {
            decryptor = EnvelopeDecryptor.builder().keyProvider(rsa()).build();
        }
        return decryptor;
    }

    @Override
    public <T> T decrypt(EncryptionCertificate certificate, Decryption<T> decryption) throws EnvelopeException {
        PrivateKey key = certificate.getId() == null ? unseal(certificate, rsa())
                : operational.computeIfAbsent(certificate.getId(), id -> unseal(certificate, rsa()));
        return decryption.apply(decryptor(), key);
    }

    /** The JDK's own provider of RSA-OAEP. */
    static Provider jdkRsa() {
        Provider provider = Security.getProvider("SunJCE");
        if (provider == null) {
            throw new IllegalStateException("The JDK's SunJCE provider is not installed.");
        }
        return provider;
    }

    /** @return the provider that runs this store's RSA private-key operations (chosen on first use) */
    public Provider rsaProvider() {
        return rsa();
    }

    private Provider rsa() {
        if (rsa == null) {
            rsa = CryptoEngine.nativeProvider(AmsSettings.current()).orElseGet(SoftwareKeyStore::jdkRsa);
        }
        return rsa;
    }

    private MasterKey masterKey() {
        if (masterKey == null) {
            masterKey = MasterKey.load(AmsSettings.current());
        }
        return masterKey;
    }
}
