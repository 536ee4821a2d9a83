package org.ams.crypto;

import jakarta.ejb.ApplicationException;

/**
 * The family of encryption-certificate and vault failures a caller can act on. Messages are written for the
 * administrator who sees them on a page and never contain a password, a private key or a secret; rolls back the
 * surrounding transaction, so a refused operation changes nothing.
 */
@ApplicationException(rollback = true, inherited = true)
public class CryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
