package org.ams.crypto;

/** The PKCS#11 token cannot be used: not configured, module not loadable, wrong PIN, key not found. */
public class HsmUnavailableException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public HsmUnavailableException(String message) {
        super(message);
    }

    public HsmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
