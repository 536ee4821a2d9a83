package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the rules of an encryption certificate's life")
class EncryptionCertificateTest {

    private static EncryptionCredential credential;

    @BeforeAll
    static void generate() {
        credential = EncryptionCertificates.generate("AMS unit test", 2048, Duration.ofDays(30));
    }

    @Test
    @DisplayName("a certificate AMS generated must be backed up before it may become active")
    void generatedNeedsBackupBeforeActivation() {
        EncryptionCertificate generated = software(CertificateOrigin.GENERATED);
        assertTrue(generated.requiresBackup());

        CertificateStateException thrown = assertThrows(CertificateStateException.class, () -> generated.activate(Instant.now()));
        assertTrue(thrown.getMessage().contains("Back up"), thrown.getMessage());
        assertFalse(generated.isActive());

        generated.markBackedUp();
        generated.activate(Instant.now());

        assertTrue(generated.isActive());
        assertFalse(generated.requiresBackup());
    }

    @Test
    void anImportedFileIsItsOwnBackup() {
        EncryptionCertificate imported = software(CertificateOrigin.IMPORTED_PKCS12);

        assertFalse(imported.requiresBackup());
        imported.activate(Instant.now());
        assertEquals(CertificateState.ACTIVE, imported.getState());
    }

    @Test
    void anHsmKeyCannotBeBackedUpButNeedsNoBackupHere() {
        EncryptionCertificate token = EncryptionCertificate.withTokenKey(credential.certificate(), "alias", CertificateOrigin.GENERATED);

        assertFalse(token.requiresBackup());
        assertThrows(CertificateStateException.class, token::markBackedUp);
    }

    @Test
    void anExpiredCertificateCannotBecomeActive() {
        EncryptionCertificate imported = software(CertificateOrigin.IMPORTED_PKCS12);

        CertificateStateException thrown = assertThrows(CertificateStateException.class,
                () -> imported.activate(Instant.now().plus(Duration.ofDays(31))));

        assertTrue(thrown.getMessage().contains("expired"), thrown.getMessage());
    }

    @Test
    @DisplayName("nothing that secrets depend on, and not the active certificate, can be retired or deleted")
    void retireAndDeleteOnlyWhenNothingDepends() {
        EncryptionCertificate certificate = software(CertificateOrigin.IMPORTED_PKCS12);

        assertThrows(CertificateStateException.class, () -> certificate.checkDeletable(3));
        assertThrows(CertificateStateException.class, () -> certificate.retire(1));
        certificate.activate(Instant.now());
        assertThrows(CertificateStateException.class, () -> certificate.checkDeletable(0));
        certificate.deactivate();

        certificate.retire(0);

        assertEquals(CertificateState.RETIRED, certificate.getState());
        assertThrows(CertificateStateException.class, () -> certificate.activate(Instant.now()));
    }

    @Test
    void describesItselfWithoutItsKey() {
        EncryptionCertificate certificate = software(CertificateOrigin.GENERATED);

        assertEquals("CN=AMS unit test", certificate.getSubject());
        assertEquals("RSA", certificate.getKeyAlgorithm());
        assertEquals(2048, certificate.getKeySize());
        assertEquals(EncryptionCertificates.thumbprintSha256(credential.certificate()), certificate.getThumbprint());
        assertFalse(certificate.toString().contains("PRIVATE"));
    }

    @Test
    @DisplayName("a rotation makes another pass while secrets arrived behind its cursor, and ends when only failures remain")
    void rotationPasses() {
        CertificateRotation rotation = new CertificateRotation(software(CertificateOrigin.GENERATED), 10);
        rotation.advance(java.util.UUID.randomUUID(), 9, 1);

        assertFalse(rotation.endOfPass(3), "two secrets arrived behind the cursor: another pass");
        assertEquals(null, rotation.getCursor());
        rotation.advance(java.util.UUID.randomUUID(), 2, 1);

        assertTrue(rotation.endOfPass(1), "only the one that cannot be opened remains");
        assertEquals(CertificateRotation.State.FINISHED, rotation.getState());
        assertEquals(11, rotation.getRewrapped());
        assertEquals(100, rotation.getPercent());
    }

    private static EncryptionCertificate software(CertificateOrigin origin) {
        return EncryptionCertificate.withSoftwareKey(credential.certificate(), new byte[] {1, 2, 3}, origin);
    }

}
