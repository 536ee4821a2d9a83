package org.ams.crypto;

/** Where an encryption certificate's private key lives. */
public enum KeyStorage {
    /** In the certificate's database row, PKCS#8 sealed with the master key; exportable as a PKCS#12 backup. */
    SOFTWARE,
    /** In a PKCS#11 token (HSM), non-exportable; decryption happens inside the token. */
    PKCS11
}
