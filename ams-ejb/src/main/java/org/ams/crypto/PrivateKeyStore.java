package org.ams.crypto;

import java.security.PrivateKey;
import org.ams.protocol.envelope.EnvelopeDecryptor;

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
}
