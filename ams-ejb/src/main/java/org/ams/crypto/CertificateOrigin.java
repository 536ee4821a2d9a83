package org.ams.crypto;

/** How a certificate came to AMS, which decides whether AMS must insist on a backup. */
public enum CertificateOrigin {
    /** Made by AMS: nobody holds a copy of the key until an administrator downloads a backup. */
    GENERATED,
    /** Imported from a PKCS#12 file, which is itself the backup. */
    IMPORTED_PKCS12,
    /** Found in the HSM, whose own backup procedures apply. */
    IMPORTED_FROM_TOKEN
}
