package org.ams.protocol.envelope;

import static org.ams.protocol.SecretAssertions.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.TestCertificates;
import org.ams.protocol.TestCredentials;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnvelopeEncryptorTest {

    private final EnvelopeEncryptor encryptor = new EnvelopeEncryptor();
    private final EncryptionCredential server = TestCredentials.server();

    @Test
    @DisplayName("writes DER AuthEnvelopedData with AES-256-GCM and RSA-OAEP-SHA256 to the certificate's issuer and serial")
    void writesTheDocumentedFormat() throws Exception {
        byte[] der = encryptor.encrypt("secret".getBytes(StandardCharsets.US_ASCII), server.certificate());

        ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
        assertArrayEquals(der, contentInfo.getEncoded(ASN1Encoding.DER), "the encoding is DER");
        assertEquals(CMSObjectIdentifiers.authEnvelopedData, contentInfo.getContentType());

        AuthEnvelopedData envelope = AuthEnvelopedData.getInstance(contentInfo.getContent());
        EncryptedContentInfo content = envelope.getAuthEncryptedContentInfo();
        assertEquals(CMSObjectIdentifiers.data, content.getContentType());
        assertEquals(NISTObjectIdentifiers.id_aes256_GCM, content.getContentEncryptionAlgorithm().getAlgorithm());
        GCMParameters gcm = GCMParameters.getInstance(content.getContentEncryptionAlgorithm().getParameters());
        assertEquals(12, gcm.getNonce().length);
        assertEquals(16, gcm.getIcvLen());
        assertEquals(16, envelope.getMac().getOctets().length);

        assertEquals(1, envelope.getRecipientInfos().size());
        KeyTransRecipientInfo recipient = KeyTransRecipientInfo.getInstance(
                RecipientInfo.getInstance(envelope.getRecipientInfos().getObjectAt(0)).getInfo());
        IssuerAndSerialNumber id = IssuerAndSerialNumber.getInstance(recipient.getRecipientIdentifier().getId());
        assertEquals(server.certificate().getSerialNumber(), id.getSerialNumber().getValue());
        assertArrayEquals(server.certificate().getIssuerX500Principal().getEncoded(), id.getName().getEncoded());

        AlgorithmIdentifier keyTransport = recipient.getKeyEncryptionAlgorithm();
        assertEquals(PKCSObjectIdentifiers.id_RSAES_OAEP, keyTransport.getAlgorithm());
        RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(keyTransport.getParameters());
        assertEquals(NISTObjectIdentifiers.id_sha256, oaep.getHashAlgorithm().getAlgorithm());
        assertEquals(PKCSObjectIdentifiers.id_mgf1, oaep.getMaskGenAlgorithm().getAlgorithm());
        assertEquals(NISTObjectIdentifiers.id_sha256, AlgorithmIdentifier.getInstance(oaep.getMaskGenAlgorithm().getParameters()).getAlgorithm());
        assertInstanceOf(ASN1Sequence.class, keyTransport.getParameters().toASN1Primitive());
    }

    @Test
    @DisplayName("the sealed recovery password appears nowhere in the envelope, and each seal is fresh")
    void sealHidesThePassword() throws Exception {
        RecoveryPassword password = RecoveryPassword.parse("531058-303050-716078-383614-460922-106975-083446-139161");
        byte[] ascii = password.toAsciiBytes();

        byte[] first = encryptor.seal(password, server.certificate());
        byte[] second = encryptor.seal(password, server.certificate());

        for (int group = 0; group < RecoveryPassword.GROUP_COUNT; group++) {
            byte[] digits = Arrays.copyOfRange(ascii, group * 7, group * 7 + 6);
            assertFalse(containsBytes(first, digits), "group " + (group + 1) + " of the password is visible in the envelope");
        }
        assertFalse(Arrays.equals(first, second), "two seals of the same password are identical");
    }

    @Test
    @DisplayName("the sealed form is the canonical dashed ASCII text, whatever form was typed")
    void sealsCanonicalAsciiForm() throws Exception {
        RecoveryPassword typed = RecoveryPassword.parse(" 531058 303050 716078 383614 460922 106975 083446 139161 ");

        byte[] der = encryptor.seal(typed, server.certificate());
        byte[] plaintext = new EnvelopeDecryptor().decrypt(der, server.privateKey(), server.certificate());

        assertSameSecret("531058-303050-716078-383614-460922-106975-083446-139161".getBytes(StandardCharsets.US_ASCII), plaintext, "the sealed text");
    }

    @Test
    void refusesAnExpiredCertificate() {
        Clock afterExpiry = Clock.fixed(server.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);

        EnvelopeException thrown = assertThrows(EnvelopeException.class,
                () -> new EnvelopeEncryptor(afterExpiry).encrypt(new byte[] {1}, server.certificate()));

        assertEquals(Reason.UNSUITABLE_CERTIFICATE, thrown.reason());
        assertTrue(thrown.getMessage().contains("expired"), "says the certificate expired");
    }

    @Test
    void refusesACertificateNotYetValid() {
        Clock beforeStart = Clock.fixed(server.certificate().getNotBefore().toInstant().minusSeconds(1), ZoneOffset.UTC);

        EnvelopeException thrown = assertThrows(EnvelopeException.class,
                () -> new EnvelopeEncryptor(beforeStart).encrypt(new byte[] {1}, server.certificate()));

        assertEquals(Reason.UNSUITABLE_CERTIFICATE, thrown.reason());
    }

    @Test
    void refusesRsaKeysUnder2048Bits() {
        X509Certificate small = TestCertificates.selfSigned(TestCertificates.rsaKeyPair(1024), "small");

        EnvelopeException thrown = assertThrows(EnvelopeException.class, () -> encryptor.encrypt(new byte[] {1}, small));

        assertEquals(Reason.UNSUITABLE_CERTIFICATE, thrown.reason());
        assertTrue(thrown.getMessage().contains("1024-bit"), "names the key size");
    }

    @Test
    void refusesNonRsaCertificates() {
        KeyPair ec = TestCertificates.ecKeyPair();
        X509Certificate certificate = TestCertificates.certificate(ec.getPublic(), ec.getPrivate(), "ec",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), KeyUsage.keyAgreement);

        EnvelopeException thrown = assertThrows(EnvelopeException.class, () -> encryptor.encrypt(new byte[] {1}, certificate));

        assertEquals(Reason.UNSUITABLE_CERTIFICATE, thrown.reason());
    }

    @Test
    @DisplayName("refuses a certificate whose key usage does not allow keyEncipherment")
    void refusesSigningOnlyCertificates() {
        KeyPair rsa = new KeyPair(TestCredentials.jdk().publicKey(), TestCredentials.jdk().privateKey());
        X509Certificate signingOnly = TestCertificates.certificate(rsa.getPublic(), rsa.getPrivate(), "signer",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), KeyUsage.digitalSignature);

        EnvelopeException thrown = assertThrows(EnvelopeException.class, () -> encryptor.encrypt(new byte[] {1}, signingOnly));

        assertEquals(Reason.UNSUITABLE_CERTIFICATE, thrown.reason());
        assertTrue(thrown.getMessage().contains("keyEncipherment"));
    }

    @Test
    void acceptsACertificateWithoutKeyUsage() throws Exception {
        KeyPair rsa = new KeyPair(TestCredentials.jdk().publicKey(), TestCredentials.jdk().privateKey());
        X509Certificate noKeyUsage = TestCertificates.certificate(rsa.getPublic(), rsa.getPrivate(), "plain",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), 0);

        byte[] der = encryptor.encrypt(new byte[] {42}, noKeyUsage);

        assertArrayEquals(new byte[] {42}, new EnvelopeDecryptor().decrypt(der, rsa.getPrivate(), noKeyUsage));
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
        try {
            TestEnvelopes.indexOf(haystack, needle);
            return true;
        } catch (AssertionError notFound) {
            return false;
        }
    }
}
