package org.ams.crypto;

/**
 * A stored envelope could not be opened with its certificate's key. Says which secret and certificate, never why in
 * cryptographic detail (the cause, for the server log only, keeps that).
 */
public class SecretUnreadableException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public SecretUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
