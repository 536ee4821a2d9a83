package org.ams.crypto;

/** An envelope the vault will not keep: malformed, oversized, addressed elsewhere, or not holding what it claims. */
public class SecretRefusedException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public SecretRefusedException(String message) {
        super(message);
    }

    public SecretRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
