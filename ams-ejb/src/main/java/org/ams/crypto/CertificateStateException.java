package org.ams.crypto;

/** The operation is not allowed in the certificate's current state: it needs a backup first, secrets depend on it... */
public class CertificateStateException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public CertificateStateException(String message) {
        super(message);
    }
}
