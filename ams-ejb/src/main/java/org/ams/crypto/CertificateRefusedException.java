package org.ams.crypto;

/** A certificate or key that cannot become an AMS encryption certificate: wrong password, too small a key, expired... */
public class CertificateRefusedException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public CertificateRefusedException(String message) {
        super(message);
    }

    public CertificateRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
