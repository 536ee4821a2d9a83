/**
 * Encryption certificates and the vault of sealed secrets: every secret AMS keeps (recovery passwords first) rests
 * here as a standard CMS envelope sealed to an encryption certificate, so that an administrator holding the
 * certificate's PKCS#12 backup can open it with stock OpenSSL, without AMS.
 * <p>
 * Private keys live behind the {@link org.ams.crypto.PrivateKeyStore} port: {@link org.ams.crypto.SoftwareKeyStore}
 * (PKCS#8 sealed with the platform's master key, in the certificate's row) or {@link org.ams.crypto.Pkcs11KeyStore}
 * (a non-exportable key in an HSM). Making a certificate active starts a {@link org.ams.crypto.CertificateRotation}
 * that re-wraps every sealed secret, batch by batch, so no secret is ever unreadable.
 * <p>
 * Depends on {@code platform}, {@code audit} and {@code ams-protocol}'s envelope and certificate code. The escrow
 * component stores recovery passwords through {@link org.ams.crypto.SecretVault}; agents get
 * {@link org.ams.crypto.EncryptionCertificateService#activeCertificate()} at check-in.
 */
package org.ams.crypto;
