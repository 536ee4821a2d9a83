package org.ams.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.envelope.Rewrap;

/** Opens, seals and re-wraps envelopes with whichever {@link PrivateKeyStore} holds a certificate's key. */
@ApplicationScoped
public class CertificateKeys {

    private final EnvelopeEncryptor encryptor = new EnvelopeEncryptor();

    @Inject
    private SoftwareKeyStore softwareKeys;

    @Inject
    private Pkcs11KeyStore tokenKeys;

    PrivateKeyStore storeOf(EncryptionCertificate certificate) {
        return certificate.getKeyStorage() == KeyStorage.PKCS11 ? tokenKeys : softwareKeys;
    }

    byte[] open(byte[] envelope, EncryptionCertificate certificate) throws EnvelopeException {
        return storeOf(certificate).decrypt(certificate,
                (decryptor, key) -> decryptor.decrypt(envelope, key, certificate.certificate()));
    }

    RecoveryPassword openRecoveryPassword(byte[] envelope, EncryptionCertificate certificate) throws EnvelopeException {
        return storeOf(certificate).decrypt(certificate,
                (decryptor, key) -> decryptor.openRecoveryPassword(envelope, key, certificate.certificate()));
    }

    byte[] seal(byte[] plaintext, EncryptionCertificate certificate) throws EnvelopeException {
        return encryptor.encrypt(plaintext, certificate.certificate());
    }

    byte[] seal(RecoveryPassword password, EncryptionCertificate certificate) throws EnvelopeException {
        return encryptor.seal(password, certificate.certificate());
    }

    /** Re-encrypts a secret from its certificate to {@code target}; recovery passwords are checked on the way. */
    byte[] rewrap(SealedSecret secret, EncryptionCertificate target) throws EnvelopeException {
        EncryptionCertificate source = secret.getCertificate();
        return storeOf(source).decrypt(source, (decryptor, key) -> {
            Rewrap rewrap = new Rewrap(decryptor, encryptor);
            return secret.getKind() == SecretKind.RECOVERY_PASSWORD
                    ? rewrap.rewrapRecoveryPassword(secret.getEnvelope(), key, source.certificate(), target.certificate())
                    : rewrap.rewrap(secret.getEnvelope(), key, source.certificate(), target.certificate());
        });
    }

    /** A decryptor only for reading whom an envelope is addressed to. */
    EnvelopeDecryptor addressReader() {
        return softwareKeys.decryptor();
    }
}
