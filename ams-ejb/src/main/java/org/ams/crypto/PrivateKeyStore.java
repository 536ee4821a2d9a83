package org.ams.crypto;

import java.security.PrivateKey;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeException;

/**
 * Where the private keys of encryption certificates are kept and used. The vault never asks where a key is; it asks
 * the store that holds it for the key and for a decryptor able to use it.
 */
public interface PrivateKeyStore {

    /** Which certificates' keys this store holds. */
    KeyStorage storage();

    /**
     * @param certificate a certificate whose key this store holds
     * @return its private key: extractable for software keys, a handle into the token for HSM keys
     */
    PrivateKey privateKey(EncryptionCertificate certificate);

    /** A decryptor whose RSA operations run where this store's keys can be used. */
    EnvelopeDecryptor decryptor();

    /**
     * Runs a decryption with the certificate's key and this store's decryptor. Use this rather than the two methods
     * above: a store whose keys live in a device may need to reconnect and repeat the decryption.
     */
    <T> T decrypt(EncryptionCertificate certificate, Decryption<T> decryption) throws EnvelopeException;

    /** A decryption with a private key, run where the key can be used. */
    @FunctionalInterface
    interface Decryption<T> {
        T apply(EnvelopeDecryptor decryptor, PrivateKey key) throws EnvelopeException;
    }
}
