package org.ams.protocol.envelope;

import static org.ams.protocol.SecretAssertions.assertSamePassword;
import static org.ams.protocol.SecretAssertions.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.TestCredentials;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RewrapTest {

    private final EncryptionCredential retiring = TestCredentials.server();
    private final EncryptionCredential next = TestCredentials.other();
    private final EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
    private final EnvelopeDecryptor decryptor = new EnvelopeDecryptor();
    private final Rewrap rewrap = new Rewrap(decryptor, encryptor);

    @Test
    @DisplayName("after rewrapping, only the new certificate's key opens the envelope")
    void movesEnvelopeToNewCertificate() throws Exception {
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        byte[] old = encryptor.seal(password, retiring.certificate());

        byte[] rewrapped = rewrap.rewrap(old, retiring.privateKey(), retiring.certificate(), next.certificate());

        assertSamePassword(password, decryptor.openRecoveryPassword(rewrapped, next.privateKey(), next.certificate()), "the rewrapped password");
        assertEquals(1, decryptor.recipientsOf(rewrapped).size());
        assertTrue(decryptor.recipientsOf(rewrapped).get(0).matches(next.certificate()));
        EnvelopeException oldKey = assertThrows(EnvelopeException.class,
                () -> decryptor.decrypt(rewrapped, retiring.privateKey(), retiring.certificate()));
        assertEquals(Reason.WRONG_RECIPIENT, oldKey.reason());
    }

    @Test
    @DisplayName("rewrapping upgrades an imported EnvelopedData to AuthEnvelopedData")
    void upgradesUnauthenticatedEnvelopes() throws Exception {
        byte[] content = "imported".getBytes(StandardCharsets.US_ASCII);
        byte[] legacy = TestEnvelopes.envelopedData(content, retiring.certificate(), NISTObjectIdentifiers.id_aes256_CBC, RsaOaep.SHA256_MGF1_SHA256);
        Rewrap importing = new Rewrap(EnvelopeDecryptor.builder().acceptUnauthenticatedEnvelopedData().build(), encryptor);

        byte[] rewrapped = importing.rewrap(legacy, retiring.privateKey(), retiring.certificate(), next.certificate());

        assertEquals(EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM, decryptor.formatOf(rewrapped));
        assertSameSecret(content, decryptor.decrypt(rewrapped, next.privateKey(), next.certificate()), "the rewrapped content");
    }

    @Test
    @DisplayName("rewrapping a recovery password refuses an envelope that does not hold a valid one")
    void recoveryPasswordRewrapChecksTheContent() throws Exception {
        byte[] old = encryptor.encrypt("123456-123456-123456-123456-123456-123456-123456-123456".getBytes(StandardCharsets.US_ASCII),
                retiring.certificate());

        EnvelopeException thrown = assertThrows(EnvelopeException.class,
                () -> rewrap.rewrapRecoveryPassword(old, retiring.privateKey(), retiring.certificate(), next.certificate()));

        assertEquals(Reason.INVALID_CONTENT, thrown.reason());
    }

    @Test
    void recoveryPasswordRewrapCarriesTheCanonicalForm() throws Exception {
        String spaced = " 531058 303050 716078 383614 460922 106975 083446 139161\n";
        byte[] old = encryptor.encrypt(spaced.getBytes(StandardCharsets.US_ASCII), retiring.certificate());

        byte[] rewrapped = rewrap.rewrapRecoveryPassword(old, retiring.privateKey(), retiring.certificate(), next.certificate());

        assertSameSecret("531058-303050-716078-383614-460922-106975-083446-139161".getBytes(StandardCharsets.US_ASCII),
                decryptor.decrypt(rewrapped, next.privateKey(), next.certificate()), "the rewrapped content");
    }

    @Test
    void refusesToRewrapToAnUnusableCertificate() throws Exception {
        byte[] old = encryptor.encrypt(new byte[] {1}, retiring.certificate());
        Clock afterNextExpires = Clock.fixed(next.certificate().getNotAfter().toInstant().plusSeconds(60), ZoneOffset.UTC);
        Rewrap late = new Rewrap(decryptor, new EnvelopeEncryptor(afterNextExpires));

        EnvelopeException thrown = assertThrows(EnvelopeException.class,
                () -> late.rewrap(old, retiring.privateKey(), retiring.certificate(), next.certificate()));

        assertEquals(Reason.UNSUITABLE_CERTIFICATE, thrown.reason());
    }
}
