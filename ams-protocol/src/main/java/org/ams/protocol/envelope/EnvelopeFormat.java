package org.ams.protocol.envelope;

/** The CMS envelope formats AMS can read; it writes only {@link #AUTH_ENVELOPED_AES256_GCM}. */
public enum EnvelopeFormat {

    /**
     * RFC 5083 AuthEnvelopedData with AES-256-GCM (12-byte nonce, 16-byte tag): authenticated, so any change to the
     * envelope is detected before content is released. What {@link EnvelopeEncryptor} writes and, with
     * {@code openssl cms -encrypt -aes-256-gcm}, what OpenSSL 3 writes.
     */
    AUTH_ENVELOPED_AES256_GCM,

    /**
     * RFC 5652 EnvelopedData with AES-256-CBC, as {@code openssl cms -encrypt -aes256} writes. Not authenticated:
     * an altered envelope may decrypt to altered content, and a service that reports decryption errors can become a
     * padding oracle. Read only when a decryptor is explicitly built to accept it, for importing envelopes made with
     * stock tools.
     */
    ENVELOPED_AES256_CBC
}
