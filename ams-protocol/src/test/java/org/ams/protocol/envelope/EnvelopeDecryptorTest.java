package org.ams.protocol.envelope;

import static org.ams.protocol.SecretAssertions.assertChainDoesNotReveal;
import static org.ams.protocol.SecretAssertions.assertSamePassword;
import static org.ams.protocol.SecretAssertions.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.TestCertificates;
import org.ams.protocol.TestCredentials;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeDecryptorTest {

    private static final String PASSWORD_TEXT = "531058-303050-716078-383614-460922-106975-083446-139161";

    private final EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
    private final EnvelopeDecryptor decryptor = new EnvelopeDecryptor();
    private final EncryptionCredential server = TestCredentials.server();
    private final EncryptionCredential other = TestCredentials.other();

    @Nested
    class Opening {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 55, 4096})
        void decryptsWhatWasEncrypted(int length) throws Exception {
            byte[] plaintext = new byte[length];
            new Random(length).nextBytes(plaintext);
            byte[] der = encryptor.encrypt(plaintext, server.certificate());

            byte[] decrypted = decryptor.decrypt(der, server.privateKey(), server.certificate());

            assertSameSecret(plaintext, decrypted, "the decrypted content");
        }

        @Test
        @DisplayName("seal and openRecoveryPassword round-trip a recovery password")
        void opensSealedRecoveryPassword() throws Exception {
            RecoveryPassword password = RecoveryPassword.parse(PASSWORD_TEXT);
            byte[] der = encryptor.seal(password, server.certificate());

            RecoveryPassword opened = decryptor.openRecoveryPassword(der, server.privateKey(), server.certificate());

            assertSamePassword(password, opened, "the opened password");
        }

        @Test
        @DisplayName("works with a private key from the JDK's own provider")
        void decryptsWithJdkKey() throws Exception {
            EncryptionCredential jdk = TestCredentials.jdk();
            byte[] der = encryptor.encrypt(new byte[] {7, 8, 9}, jdk.certificate());

            byte[] decrypted = decryptor.decrypt(der, jdk.privateKey(), jdk.certificate());

            assertSameSecret(new byte[] {7, 8, 9}, decrypted, "the decrypted content");
        }

        @Test
        @DisplayName("with a key provider configured, the RSA step runs in that provider")
        void decryptsThroughConfiguredKeyProvider() throws Exception {
            EncryptionCredential jdk = TestCredentials.jdk();
            Provider sunJce = Security.getProvider("SunJCE");
            byte[] der = encryptor.encrypt(new byte[] {1, 2, 3}, jdk.certificate());

            byte[] decrypted = EnvelopeDecryptor.builder().keyProvider(sunJce).build().decrypt(der, jdk.privateKey(), jdk.certificate());

            assertSameSecret(new byte[] {1, 2, 3}, decrypted, "the decrypted content");
        }

        @Test
        @DisplayName("the software-OAEP fallback (for providers without OAEP, like SunPKCS11) recovers the same key")
        void softwareOaepFallbackMatchesProviderOaep() throws Exception {
            EncryptionCredential jdk = TestCredentials.jdk();
            byte[] der = encryptor.encrypt(new byte[] {1}, jdk.certificate());
            KeyTransRecipientInfo info = TestEnvelopes.keyTransRecipientInfo(der);
            RsaOaep oaep = RsaOaep.accept(info.getKeyEncryptionAlgorithm());
            Provider sunJce = Security.getProvider("SunJCE");

            byte[] viaProviderOaep = KeyProviderDecryption.forKey(jdk.privateKey(), sunJce, oaep, 256)
                    .decrypt(info.getEncryptedKey().getOctets());
            byte[] viaSoftwareOaep = KeyProviderDecryption.withSoftwareOaep(jdk.privateKey(), sunJce, oaep, 256)
                    .decrypt(info.getEncryptedKey().getOctets());

            assertEquals(32, viaSoftwareOaep.length);
            assertSameSecret(viaProviderOaep, viaSoftwareOaep, "the content-encryption key");
        }

        @Test
        void softwareOaepFallbackRejectsAnAlteredKey() throws Exception {
            EncryptionCredential jdk = TestCredentials.jdk();
            byte[] der = encryptor.encrypt(new byte[] {1}, jdk.certificate());
            KeyTransRecipientInfo info = TestEnvelopes.keyTransRecipientInfo(der);
            byte[] encryptedKey = info.getEncryptedKey().getOctets();
            encryptedKey[encryptedKey.length / 2] ^= 0x01;
            KeyProviderDecryption decryption = KeyProviderDecryption.withSoftwareOaep(jdk.privateKey(), Security.getProvider("SunJCE"),
                    RsaOaep.accept(info.getKeyEncryptionAlgorithm()), 256);

            assertThrows(GeneralSecurityException.class, () -> decryption.decrypt(encryptedKey));
        }
    }

    @Nested
    class Recipients {

        @Test
        @DisplayName("tells whom an envelope is addressed to without decrypting it")
        void listsRecipients() throws Exception {
            byte[] der = encryptor.encrypt(new byte[] {1}, server.certificate());

            List<EnvelopeRecipient> recipients = decryptor.recipientsOf(der);

            assertEquals(1, recipients.size());
            EnvelopeRecipient recipient = recipients.get(0);
            assertEquals(Optional.of(server.certificate().getIssuerX500Principal()), recipient.issuer());
            assertEquals(Optional.of(server.certificate().getSerialNumber()), recipient.serialNumber());
            assertTrue(recipient.matches(server.certificate()));
            assertFalse(recipient.matches(other.certificate()));
        }

        @Test
        @DisplayName("picks the known certificate an envelope is addressed to, so the server can choose the key")
        void findsRecipientCertificateAmongKnownOnes() throws Exception {
            byte[] der = encryptor.encrypt(new byte[] {1}, server.certificate());

            Optional<X509Certificate> found = decryptor.findRecipientCertificate(der, List.of(other.certificate(), server.certificate()));
            Optional<X509Certificate> notFound = decryptor.findRecipientCertificate(der, List.of(other.certificate()));

            assertEquals(Optional.of(server.certificate()), found);
            assertEquals(Optional.empty(), notFound);
        }

        @Test
        void reportsTheFormat() throws Exception {
            byte[] auth = encryptor.encrypt(new byte[] {1}, server.certificate());
            byte[] legacy = TestEnvelopes.envelopedData(new byte[] {1}, server.certificate(), NISTObjectIdentifiers.id_aes256_CBC,
                    RsaOaep.SHA256_MGF1_SHA256);

            assertEquals(EnvelopeFormat.AUTH_ENVELOPED_AES256_GCM, decryptor.formatOf(auth));
            assertEquals(EnvelopeFormat.ENVELOPED_AES256_CBC, decryptor.formatOf(legacy));
        }
    }

    @Nested
    class Refusals {

        @Test
        void refusesAnEnvelopeForAnotherCertificate() throws Exception {
            byte[] der = encryptor.encrypt(new byte[] {1}, other.certificate());

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(der, server.privateKey(), server.certificate()));

            assertEquals(Reason.WRONG_RECIPIENT, thrown.reason());
            assertTrue(thrown.getMessage().contains(other.certificate().getSubjectX500Principal().getName()),
                    "names the certificate the envelope is addressed to");
        }

        @Test
        @DisplayName("a key that does not belong to the certificate fails as an unspecific decryption failure")
        void refusesAMismatchedKey() throws Exception {
            byte[] der = encryptor.encrypt(PASSWORD_TEXT.getBytes(StandardCharsets.US_ASCII), server.certificate());

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(der, other.privateKey(), server.certificate()));

            assertEquals(Reason.DECRYPTION_FAILED, thrown.reason());
            assertChainDoesNotReveal(thrown, PASSWORD_TEXT);
        }

        @Test
        void refusesANonRsaKey() throws Exception {
            byte[] der = encryptor.encrypt(new byte[] {1}, server.certificate());

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(der, TestCertificates.ecKeyPair().getPrivate(), server.certificate()));

            assertEquals(Reason.KEY_UNUSABLE, thrown.reason());
        }

        @Test
        void refusesGarbage() {
            byte[] garbage = new byte[300];
            new Random(1).nextBytes(garbage);

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(garbage, server.privateKey(), server.certificate()));

            assertEquals(Reason.MALFORMED, thrown.reason());
        }

        @Test
        void refusesAnEmptyEnvelope() {
            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(new byte[0], server.privateKey(), server.certificate()));

            assertEquals(Reason.MALFORMED, thrown.reason());
        }

        @Test
        @DisplayName("every truncation of a valid envelope is refused as malformed")
        void refusesEveryTruncation() throws Exception {
            byte[] der = encryptor.seal(RecoveryPassword.parse(PASSWORD_TEXT), server.certificate());

            for (int length = 1; length < der.length; length++) {
                byte[] truncated = Arrays.copyOf(der, length);

                EnvelopeException thrown = assertThrows(EnvelopeException.class,
                        () -> decryptor.decrypt(truncated, server.privateKey(), server.certificate()), "truncated to " + length);

                assertEquals(Reason.MALFORMED, thrown.reason(), "truncated to " + length);
            }
        }

        @Test
        void refusesTrailingBytes() throws Exception {
            byte[] der = encryptor.encrypt(new byte[] {1}, server.certificate());
            byte[] extended = Arrays.copyOf(der, der.length + 1);

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(extended, server.privateKey(), server.certificate()));

            assertEquals(Reason.MALFORMED, thrown.reason());
        }

        @Test
        @DisplayName("refuses input over the default 64 KiB before parsing it")
        void refusesOversizedInputByDefault() {
            byte[] oversized = new byte[EnvelopeDecryptor.DEFAULT_MAX_ENVELOPE_BYTES + 1];

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(oversized, server.privateKey(), server.certificate()));

            assertEquals(Reason.TOO_LARGE, thrown.reason());
        }

        @Test
        void honoursAConfiguredSizeLimit() throws Exception {
            byte[] der = encryptor.encrypt(new byte[200], server.certificate());
            EnvelopeDecryptor strict = EnvelopeDecryptor.builder().maxEnvelopeBytes(der.length - 1).build();
            EnvelopeDecryptor exact = EnvelopeDecryptor.builder().maxEnvelopeBytes(der.length).build();

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> strict.decrypt(der, server.privateKey(), server.certificate()));

            assertEquals(Reason.TOO_LARGE, thrown.reason());
            assertSameSecret(new byte[200], exact.decrypt(der, server.privateKey(), server.certificate()), "the content at the limit");
        }

        @Test
        @DisplayName("an altered ciphertext, tag or encrypted key is detected, and the message shows no content")
        void detectsTampering() throws Exception {
            byte[] plaintext = PASSWORD_TEXT.getBytes(StandardCharsets.US_ASCII);
            byte[] der = encryptor.encrypt(plaintext, server.certificate());
            AuthEnvelopedData structure = TestEnvelopes.structureOf(der);
            int ciphertext = TestEnvelopes.indexOf(der, structure.getAuthEncryptedContentInfo().getEncryptedContent().getOctets());
            int tag = TestEnvelopes.indexOf(der, structure.getMac().getOctets());
            int encryptedKey = TestEnvelopes.indexOf(der, TestEnvelopes.keyTransRecipientInfo(der).getEncryptedKey().getOctets());

            for (int position : new int[] {ciphertext, ciphertext + 20, tag, tag + 15, encryptedKey, encryptedKey + 100}) {
                byte[] altered = der.clone();
                altered[position] ^= 0x01;

                EnvelopeException thrown = assertThrows(EnvelopeException.class,
                        () -> decryptor.decrypt(altered, server.privateKey(), server.certificate()), "byte " + position + " altered");

                assertEquals(Reason.DECRYPTION_FAILED, thrown.reason(), "byte " + position + " altered");
                assertChainDoesNotReveal(thrown, PASSWORD_TEXT);
            }
        }

        @Test
        @DisplayName("unauthenticated EnvelopedData is refused unless explicitly accepted")
        void refusesUnauthenticatedEnvelopedDataByDefault() throws Exception {
            byte[] legacy = TestEnvelopes.envelopedData(new byte[] {5}, server.certificate(), NISTObjectIdentifiers.id_aes256_CBC,
                    RsaOaep.SHA256_MGF1_SHA256);
            EnvelopeDecryptor importer = EnvelopeDecryptor.builder().acceptUnauthenticatedEnvelopedData().build();

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(legacy, server.privateKey(), server.certificate()));

            assertEquals(Reason.UNSUPPORTED_FORMAT, thrown.reason());
            assertSameSecret(new byte[] {5}, importer.decrypt(legacy, server.privateKey(), server.certificate()), "the imported content");
        }

        @Test
        void refusesWeakerContentEncryption() throws Exception {
            byte[] aes128Gcm = TestEnvelopes.authEnvelopedData(new byte[] {1}, server.certificate(), NISTObjectIdentifiers.id_aes128_GCM,
                    RsaOaep.SHA256_MGF1_SHA256);
            byte[] aes128Cbc = TestEnvelopes.envelopedData(new byte[] {1}, server.certificate(), NISTObjectIdentifiers.id_aes128_CBC,
                    RsaOaep.SHA256_MGF1_SHA256);
            EnvelopeDecryptor importer = EnvelopeDecryptor.builder().acceptUnauthenticatedEnvelopedData().build();

            EnvelopeException gcm = assertThrows(EnvelopeException.class,
                    () -> importer.decrypt(aes128Gcm, server.privateKey(), server.certificate()));
            EnvelopeException cbc = assertThrows(EnvelopeException.class,
                    () -> importer.decrypt(aes128Cbc, server.privateKey(), server.certificate()));

            assertEquals(Reason.UNSUPPORTED_ALGORITHM, gcm.reason());
            assertEquals(Reason.UNSUPPORTED_ALGORITHM, cbc.reason());
        }

        @Test
        @DisplayName("PKCS#1 v1.5 and SHA-1 OAEP key transport are refused")
        void refusesWeakKeyTransport() throws Exception {
            byte[] pkcs1 = TestEnvelopes.authEnvelopedData(new byte[] {1}, server.certificate(), NISTObjectIdentifiers.id_aes256_GCM, null);
            byte[] oaepSha1 = TestEnvelopes.authEnvelopedData(new byte[] {1}, server.certificate(), NISTObjectIdentifiers.id_aes256_GCM,
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, new RSAESOAEPparams()));

            EnvelopeException v15 = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(pkcs1, server.privateKey(), server.certificate()));
            EnvelopeException sha1 = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(oaepSha1, server.privateKey(), server.certificate()));

            assertEquals(Reason.UNSUPPORTED_ALGORITHM, v15.reason());
            assertEquals(Reason.UNSUPPORTED_ALGORITHM, sha1.reason());
        }

        @Test
        void refusesOtherCmsContent() throws Exception {
            byte[] data = new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(new byte[] {1, 2, 3})).getEncoded();

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.decrypt(data, server.privateKey(), server.certificate()));

            assertEquals(Reason.UNSUPPORTED_FORMAT, thrown.reason());
        }

        @Test
        @DisplayName("content that is not a recovery password is refused without showing it")
        void refusesContentThatIsNotARecoveryPassword() throws Exception {
            String mistyped = PASSWORD_TEXT.replace("460922", "460923");
            byte[] der = encryptor.encrypt(mistyped.getBytes(StandardCharsets.US_ASCII), server.certificate());

            EnvelopeException thrown = assertThrows(EnvelopeException.class,
                    () -> decryptor.openRecoveryPassword(der, server.privateKey(), server.certificate()));

            assertEquals(Reason.INVALID_CONTENT, thrown.reason());
            assertTrue(thrown.getMessage().contains("group 5"), "says which group is wrong");
            assertChainDoesNotReveal(thrown, mistyped);
        }
    }
}
