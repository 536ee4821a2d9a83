package org.ams.protocol.certificate;

import static org.ams.protocol.SecretAssertions.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.ams.protocol.BouncyCastle;
import org.ams.protocol.TestCertificates;
import org.ams.protocol.TestCredentials;
import org.ams.protocol.certificate.Pkcs12ImportException.Reason;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EncryptionCertificatesTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    /** One export of the server credential, shared: each export costs two 600,000-iteration key derivations. */
    private static byte[] serverBackup;

    private static byte[] serverBackup() {
        if (serverBackup == null) {
            serverBackup = EncryptionCertificates.toPkcs12(TestCredentials.server().privateKey(), TestCredentials.server().certificate(), PASSWORD);
        }
        return serverBackup.clone();
    }

    @Nested
    class Generation {

        private final Instant now = Instant.parse("2025-06-01T12:00:00Z");
        private final EncryptionCredential credential = EncryptionCertificates.generate("AMS encryption 2025", 2048,
                Duration.ofDays(365), Clock.fixed(now, ZoneOffset.UTC));
        private final X509Certificate certificate = credential.certificate();

        @Test
        @DisplayName("is a self-signed RSA certificate of the requested size for the requested subject")
        void selfSignedRsaCertificate() throws Exception {
            certificate.verify(certificate.getPublicKey(), BouncyCastle.provider());

            assertEquals("CN=AMS encryption 2025", certificate.getSubjectX500Principal().getName());
            assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
            assertEquals(2048, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());
            assertEquals("1.2.840.113549.1.1.11", certificate.getSigAlgOID(), "sha256WithRSAEncryption");
            assertTrue(certificate.getSerialNumber().signum() > 0);
        }

        @Test
        @DisplayName("allows key encipherment only, is no CA, and carries the AMS extended key usage")
        void encryptionOnlyExtensions() throws Exception {
            boolean[] keyUsage = certificate.getKeyUsage();

            assertTrue(keyUsage[2], "keyEncipherment");
            for (int bit = 0; bit < keyUsage.length; bit++) {
                assertEquals(bit == 2, keyUsage[bit], "key usage bit " + bit);
            }
            assertTrue(certificate.getCriticalExtensionOIDs().contains("2.5.29.15"), "key usage is critical");
            assertEquals(-1, certificate.getBasicConstraints());
            assertEquals(List.of(EncryptionCertificates.AMS_ENCRYPTION_EKU), certificate.getExtendedKeyUsage());
            assertTrue(EncryptionCertificates.hasAmsEncryptionUsage(certificate));
            assertNotNull(certificate.getExtensionValue("2.5.29.14"), "subject key identifier");
        }

        @Test
        @DisplayName("is valid from an hour before now, for the requested validity")
        void validityPeriod() {
            assertEquals(now.minus(Duration.ofHours(1)), certificate.getNotBefore().toInstant());
            assertEquals(now.plus(Duration.ofDays(365)), certificate.getNotAfter().toInstant());
        }

        @Test
        void privateKeyMatchesCertificate() {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) credential.privateKey();

            assertEquals(((RSAPublicKey) certificate.getPublicKey()).getModulus(), key.getModulus());
        }

        @Test
        void refusesUnsafeParameters() {
            assertThrows(IllegalArgumentException.class, () -> EncryptionCertificates.generate("x", 1024, Duration.ofDays(1)));
            assertThrows(IllegalArgumentException.class, () -> EncryptionCertificates.generate(" ", 2048, Duration.ofDays(1)));
            assertThrows(IllegalArgumentException.class, () -> EncryptionCertificates.generate("x", 2048, Duration.ZERO));
        }

        @Test
        @DisplayName("a certificate without the AMS usage is recognised as such")
        void foreignCertificateHasNoAmsUsage() {
            assertFalse(EncryptionCertificates.hasAmsEncryptionUsage(TestCredentials.jdk().certificate()));
        }
    }

    @Nested
    class Thumbprint {

        @Test
        @DisplayName("is the upper-case hex SHA-256 of the DER certificate")
        void sha256OfEncoding() throws Exception {
            X509Certificate certificate = TestCredentials.server().certificate();

            String thumbprint = EncryptionCertificates.thumbprintSha256(certificate);

            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())).toUpperCase();
            assertEquals(expected, thumbprint);
            assertTrue(thumbprint.matches("[0-9A-F]{64}"));
        }

        @Test
        void differsBetweenCertificates() {
            assertNotEquals(EncryptionCertificates.thumbprintSha256(TestCredentials.server().certificate()),
                    EncryptionCertificates.thumbprintSha256(TestCredentials.other().certificate()));
        }
    }

    @Nested
    class Pkcs12 {

        private final EncryptionCredential server = TestCredentials.server();

        @Test
        @DisplayName("an exported credential imports back and still opens envelopes")
        void roundTrip() throws Exception {
            byte[] pkcs12 = serverBackup();
            byte[] envelope = new EnvelopeEncryptor().encrypt(new byte[] {4, 2}, server.certificate());

            EncryptionCredential imported = EncryptionCertificates.fromPkcs12(pkcs12, PASSWORD);

            assertEquals(server.certificate(), imported.certificate());
            assertEquals(((RSAPrivateCrtKey) server.privateKey()).getPrivateExponent(),
                    ((RSAPrivateCrtKey) imported.privateKey()).getPrivateExponent());
            assertSameSecret(new byte[] {4, 2}, new EnvelopeDecryptor().decrypt(envelope, imported.privateKey(), imported.certificate()),
                    "content opened with the imported key");
        }

        @Test
        @DisplayName("a wrong password is reported as such, and the message does not contain it")
        void wrongPassword() {
            byte[] pkcs12 = serverBackup();

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(pkcs12, "wrong horse".toCharArray()));

            assertEquals(Reason.WRONG_PASSWORD, thrown.reason());
            assertFalse(thrown.getMessage().contains("wrong horse"));
        }

        @Test
        void fileWithoutPrivateKey() throws Exception {
            byte[] certificateOnly = new PKCS12PfxPduBuilder()
                    .addData(new JcaPKCS12SafeBagBuilder(server.certificate()).build())
                    .build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(BouncyCastle.provider()), PASSWORD)
                    .getEncoded();

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(certificateOnly, PASSWORD));

            assertEquals(Reason.NO_PRIVATE_KEY, thrown.reason());
        }

        @Test
        void nonRsaKey() {
            KeyPair ec = TestCertificates.ecKeyPair();
            X509Certificate certificate = TestCertificates.certificate(ec.getPublic(), ec.getPrivate(), "ec",
                    Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), KeyUsage.keyAgreement);
            byte[] pkcs12 = EncryptionCertificates.toPkcs12(ec.getPrivate(), certificate, PASSWORD);

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(pkcs12, PASSWORD));

            assertEquals(Reason.KEY_NOT_RSA, thrown.reason());
        }

        @Test
        void rsaKeyUnder2048Bits() {
            KeyPair small = TestCertificates.rsaKeyPair(1024);
            byte[] pkcs12 = EncryptionCertificates.toPkcs12(small.getPrivate(), TestCertificates.selfSigned(small, "small"), PASSWORD);

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(pkcs12, PASSWORD));

            assertEquals(Reason.KEY_TOO_SMALL, thrown.reason());
            assertTrue(thrown.getMessage().contains("1024"));
        }

        @Test
        void expiredCertificate() {
            Instant twoYearsAgo = Instant.now().minus(Duration.ofDays(730));
            EncryptionCredential expired = EncryptionCertificates.generate("expired", 2048, Duration.ofDays(365),
                    Clock.fixed(twoYearsAgo, ZoneOffset.UTC));
            byte[] pkcs12 = EncryptionCertificates.toPkcs12(expired.privateKey(), expired.certificate(), PASSWORD);

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(pkcs12, PASSWORD));

            assertEquals(Reason.CERTIFICATE_EXPIRED, thrown.reason());
        }

        @Test
        void certificateNotYetValid() {
            byte[] pkcs12 = serverBackup();
            Clock beforeValidity = Clock.fixed(server.certificate().getNotBefore().toInstant().minusSeconds(1), ZoneOffset.UTC);

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(pkcs12, PASSWORD, beforeValidity));

            assertEquals(Reason.CERTIFICATE_NOT_YET_VALID, thrown.reason());
        }

        @Test
        void exportRefusesAKeyThatIsNotTheCertificates() {
            assertThrows(IllegalArgumentException.class,
                    () -> EncryptionCertificates.toPkcs12(server.privateKey(), TestCredentials.other().certificate(), PASSWORD));
        }

        @Test
        void fileWhoseCertificateDoesNotHoldItsKey() throws Exception {
            byte[] mismatched = new PKCS12PfxPduBuilder()
                    .addData(new JcaPKCS12SafeBagBuilder(TestCredentials.other().certificate()).build())
                    .addData(new JcaPKCS12SafeBagBuilder(server.privateKey()).build())
                    .build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(BouncyCastle.provider()), PASSWORD)
                    .getEncoded();

            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(mismatched, PASSWORD));

            assertEquals(Reason.NO_MATCHING_CERTIFICATE, thrown.reason());
        }

        @Test
        void garbage() {
            Pkcs12ImportException thrown = assertThrows(Pkcs12ImportException.class,
                    () -> EncryptionCertificates.fromPkcs12(new byte[] {0x30, 0x03, 0x02, 0x01, 0x03}, PASSWORD));

            assertEquals(Reason.MALFORMED, thrown.reason());
        }

        @Test
        void exportNeedsAPassword() {
            assertThrows(IllegalArgumentException.class,
                    () -> EncryptionCertificates.toPkcs12(server.privateKey(), server.certificate(), new char[0]));
        }

        @Test
        @DisplayName("a credential's toString names the certificate but never prints key material")
        void credentialToStringHidesTheKey() {
            BigInteger exponent = ((RSAPrivateCrtKey) server.privateKey()).getPrivateExponent();

            String text = server.toString();

            assertTrue(text.contains(EncryptionCertificates.thumbprintSha256(server.certificate())));
            assertFalse(text.contains(exponent.toString()) || text.contains(exponent.toString(16)), "the private exponent is printed");
        }
    }
}
