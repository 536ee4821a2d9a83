/**
 * The server's encryption certificates as key material: generating a self-signed RSA encryption certificate marked
 * with the {@linkplain org.ams.protocol.certificate.EncryptionCertificates#AMS_ENCRYPTION_EKU AMS extended key usage},
 * its SHA-256 thumbprint, and the PKCS#12 export an administrator keeps as a backup (and can open with stock OpenSSL)
 * and its checked import.
 *
 * <p>Depends on BouncyCastle only. Used by the server's crypto component and by tests; the agent needs only the
 * certificate, never this package. Where keys are kept (database, HSM) is decided by the server, not here.
 */
package org.ams.protocol.certificate;
