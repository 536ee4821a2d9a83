package org.ams.crypto;

/** Nothing can be sealed yet: no encryption certificate has been made active. */
public class NoActiveCertificateException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public NoActiveCertificateException() {
        super("No encryption certificate is active. Generate or import one on Access Manager Agent / Password "
                + "settings, back it up and set it active.");
    }
}
