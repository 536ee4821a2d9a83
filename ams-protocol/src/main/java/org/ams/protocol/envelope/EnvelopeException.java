package org.ams.protocol.envelope;

/**
 * An envelope could not be written or read.
 *
 * <p>Messages name the structure, algorithm or certificate at fault so an operator can act on them, and never contain
 * the envelope's content. Decryption failures deliberately share one message whatever the cause (wrong key, altered
 * ciphertext, bad padding): a more specific answer would help an attacker who can submit altered envelopes. For the
 * same reason the cause, which keeps the provider's own diagnosis for the server log, must never be shown to a client.
 */
public class EnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the envelope was refused, so callers can map it to a status without reading messages. */
    public enum Reason {
        /** Larger than the decryptor's configured maximum; not parsed. */
        TOO_LARGE,
        /** Not a DER/BER CMS ContentInfo: garbage, truncated, or followed by trailing bytes. */
        MALFORMED,
        /** A CMS structure other than the envelope formats this decryptor accepts. */
        UNSUPPORTED_FORMAT,
        /** A content-encryption or key-transport algorithm outside what AMS allows. */
        UNSUPPORTED_ALGORITHM,
        /** The envelope is not addressed to the given certificate. */
        WRONG_RECIPIENT,
        /** The private key cannot be used for RSA decryption by any provider available. */
        KEY_UNUSABLE,
        /** The key could not recover the content: the key does not match, or the envelope was altered. */
        DECRYPTION_FAILED,
        /** The envelope decrypted, but its content is not what the caller asked for (e.g. not a recovery password). */
        INVALID_CONTENT,
        /** The certificate cannot be encrypted to: not RSA, too small a key, not valid now, or not for encryption. */
        UNSUITABLE_CERTIFICATE,
        /** The cryptographic provider failed while writing the envelope. */
        ENCRYPTION_FAILED
    }

    /** Why the envelope was refused. */
    private final Reason reason;

    EnvelopeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    EnvelopeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the envelope was refused */
    public Reason reason() {
        return reason;
    }
}
