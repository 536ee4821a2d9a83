package org.ams.crypto;

/**
 * An envelope the vault will not keep because it is addressed to no certificate of this server: one it never had, or
 * one taken out of use (retired or deleted) since the sender sealed to it. The sender can seal it again to the active
 * certificate, which is why it is told apart from other refusals.
 */
public class UnknownCertificateException extends SecretRefusedException {

    private static final long serialVersionUID = 1L;

    public UnknownCertificateException(String message) {
        super(message);
    }
}
