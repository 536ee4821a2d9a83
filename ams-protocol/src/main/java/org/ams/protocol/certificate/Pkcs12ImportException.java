package org.ams.protocol.certificate;

/** A PKCS#12 file that cannot serve as an AMS encryption credential. Messages never contain the password. */
public class Pkcs12ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the file was refused, so the import page can say what to do. */
    public enum Reason {
        /** Not a PKCS#12 file, or damaged. */
        MALFORMED,
        /** The password does not open the file. */
        WRONG_PASSWORD,
        /** The file holds certificates only. */
        NO_PRIVATE_KEY,
        /** The file holds several private keys, so which one to use is ambiguous. */
        MORE_THAN_ONE_KEY,
        /** The private key is not an RSA key. */
        KEY_NOT_RSA,
        /** The RSA key is shorter than 2048 bits. */
        KEY_TOO_SMALL,
        /** No certificate in the file holds the private key's public key. */
        NO_MATCHING_CERTIFICATE,
        /** The certificate's validity period has ended. */
        CERTIFICATE_EXPIRED,
        /** The certificate's validity period has not begun. */
        CERTIFICATE_NOT_YET_VALID
    }

    /** Why the file was refused. */
    private final Reason reason;

    Pkcs12ImportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Pkcs12ImportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the file was refused */
    public Reason reason() {
        return reason;
    }
}
