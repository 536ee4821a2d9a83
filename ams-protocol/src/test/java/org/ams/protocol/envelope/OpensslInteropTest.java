package org.ams.protocol.envelope;

import static org.ams.protocol.SecretAssertions.assertSamePassword;
import static org.ams.protocol.SecretAssertions.assertSameSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.ams.protocol.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.TestCredentials;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.certificate.Pkcs12ImportException;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interoperability promise: an administrator holding the exported PKCS#12 can open any envelope with stock
 * OpenSSL 3, and envelopes OpenSSL makes with the documented options open in AMS. Runs the real binary.
 */
@DisplayName("OpenSSL interoperability")
class OpensslInteropTest {

    private static final char[] BACKUP_PASSWORD = "Backup-pass 2025!".toCharArray();

    @TempDir
    Path directory;

    private Openssl openssl;
    private final EncryptionCredential server = TestCredentials.server();
    private final RecoveryPassword password = RecoveryPassword.fromKeyBytes(new SecureRandom().generateSeed(16));

    @BeforeAll
    static void requireOpenssl() {
        RequiredTool.require(Openssl.available(), "needs " + Openssl.BINARY);
    }

    @BeforeEach
    void setUp() {
        openssl = new Openssl(directory);
    }

    @Test
    @DisplayName("(a) AMS seals -> PKCS#12 export -> openssl pkcs12 + openssl cms -decrypt recovers exactly the password")
    void opensslOpensAmsEnvelopeWithExportedBackup() throws Exception {
        Files.write(directory.resolve("envelope.der"), new EnvelopeEncryptor().seal(password, server.certificate()));
        Files.write(directory.resolve("backup.p12"), EncryptionCertificates.toPkcs12(server.privateKey(), server.certificate(), BACKUP_PASSWORD));
        Files.writeString(directory.resolve("pass.txt"), new String(BACKUP_PASSWORD));

        // The two commands documented in EnvelopeEncryptor, verbatim.
        Openssl.Result export = openssl.run("pkcs12", "-in", "backup.p12", "-nodes", "-passin", "file:pass.txt", "-out", "key.pem");
        Openssl.Result decrypt = openssl.run("cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "key.pem", "-recip", "key.pem", "-out", "secret.txt");

        assertTrue(export.succeeded(), export.describe());
        assertTrue(decrypt.succeeded(), decrypt.describe());
        assertSameSecret(password.toAsciiBytes(), Files.readAllBytes(directory.resolve("secret.txt")), "what openssl decrypted");
    }

    @Test
    @DisplayName("(a) openssl decrypts with a separate certificate file, as in `-recip cert.pem`")
    void opensslOpensAmsEnvelopeWithSeparateCertificate() throws Exception {
        Files.write(directory.resolve("envelope.der"), new EnvelopeEncryptor().seal(password, server.certificate()));
        Files.write(directory.resolve("backup.p12"), EncryptionCertificates.toPkcs12(server.privateKey(), server.certificate(), BACKUP_PASSWORD));
        Files.writeString(directory.resolve("pass.txt"), new String(BACKUP_PASSWORD));
        writePem(directory.resolve("cert.pem"), server.certificate());

        Openssl.Result export = openssl.run("pkcs12", "-in", "backup.p12", "-nocerts", "-nodes", "-passin", "file:pass.txt", "-out", "key.pem");
        Openssl.Result decrypt = openssl.run("cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "key.pem", "-recip", "cert.pem", "-out", "secret.txt");

        assertTrue(export.succeeded(), export.describe());
        assertTrue(decrypt.succeeded(), decrypt.describe());
        assertSameSecret(password.toAsciiBytes(), Files.readAllBytes(directory.resolve("secret.txt")), "what openssl decrypted");
    }

    @Test
    @DisplayName("the exported PKCS#12 uses PBES2/AES-256-CBC with PBKDF2-HMAC-SHA256 and a SHA-256 MAC, readable without -legacy")
    void exportedPkcs12IsModern() throws Exception {
        Files.write(directory.resolve("backup.p12"), EncryptionCertificates.toPkcs12(server.privateKey(), server.certificate(), BACKUP_PASSWORD));
        Files.writeString(directory.resolve("pass.txt"), new String(BACKUP_PASSWORD));

        String info = openssl.output("pkcs12", "-in", "backup.p12", "-info", "-noout", "-passin", "file:pass.txt");

        assertTrue(info.contains("MAC: sha256"), info);
        assertTrue(info.contains("PBES2, PBKDF2, AES-256-CBC"), info);
        assertTrue(info.contains("PRF hmacWithSHA256"), info);
    }

    @Test
    @DisplayName("a non-ASCII backup password means the same to AMS and to OpenSSL")
    void nonAsciiBackupPassword() throws Exception {
        char[] umlauts = "Schlüssel-Größe-ÄÖÜ".toCharArray();
        Files.write(directory.resolve("envelope.der"), new EnvelopeEncryptor().seal(password, server.certificate()));
        Files.write(directory.resolve("backup.p12"), EncryptionCertificates.toPkcs12(server.privateKey(), server.certificate(), umlauts));
        Files.writeString(directory.resolve("pass.txt"), new String(umlauts), StandardCharsets.UTF_8);

        Openssl.Result export = openssl.run("pkcs12", "-in", "backup.p12", "-nodes", "-passin", "file:pass.txt", "-out", "key.pem");
        Openssl.Result decrypt = openssl.run("cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "key.pem", "-recip", "key.pem", "-out", "secret.txt");

        assertTrue(export.succeeded(), export.describe());
        assertTrue(decrypt.succeeded(), decrypt.describe());
        assertSameSecret(password.toAsciiBytes(), Files.readAllBytes(directory.resolve("secret.txt")), "what openssl decrypted");
    }

    @Test
    @DisplayName("openssl reports an altered envelope through its exit status")
    void opensslDetectsTampering() throws Exception {
        byte[] der = new EnvelopeEncryptor().seal(password, server.certificate());
        der[der.length - 1] ^= 0x01; // the last byte belongs to the GCM tag
        Files.write(directory.resolve("envelope.der"), der);
        writeKeyPem(directory.resolve("key.pem"));

        Openssl.Result decrypt = openssl.run("cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-inkey", "key.pem", "-out", "secret.txt");

        assertFalse(decrypt.succeeded(), "openssl accepted an altered envelope");
    }

    @Test
    @DisplayName("(b) `openssl cms -encrypt ... -aes256` with OAEP-SHA256 opens in AMS when unauthenticated imports are allowed")
    void amsOpensOpensslEnvelopedData() throws Exception {
        writePem(directory.resolve("cert.pem"), server.certificate());
        Files.write(directory.resolve("secret.txt"), password.toAsciiBytes());

        Openssl.Result encrypt = openssl.run("cms", "-encrypt", "-binary", "-outform", "DER", "-in", "secret.txt", "-out", "envelope.der",
                "-recip", "cert.pem", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-aes256");
        byte[] der = Files.readAllBytes(directory.resolve("envelope.der"));

        assertTrue(encrypt.succeeded(), encrypt.describe());
        EnvelopeDecryptor importer = EnvelopeDecryptor.builder().acceptUnauthenticatedEnvelopedData().build();
        assertEquals(EnvelopeFormat.ENVELOPED_AES256_CBC, importer.formatOf(der));
        assertSamePassword(password, importer.openRecoveryPassword(der, server.privateKey(), server.certificate()), "what AMS decrypted");
        EnvelopeException refused = assertThrows(EnvelopeException.class,
                () -> new EnvelopeDecryptor().decrypt(der, server.privateKey(), server.certificate()));
        assertEquals(Reason.UNSUPPORTED_FORMAT, refused.reason());
    }

    @Test
    @DisplayName("`openssl cms -encrypt -aes-256-gcm` with OAEP-SHA256 opens in AMS with the default decryptor")
    void amsOpensOpensslAuthEnvelopedData() throws Exception {
        writePem(directory.resolve("cert.pem"), server.certificate());
        Files.write(directory.resolve("secret.txt"), password.toAsciiBytes());

        Openssl.Result encrypt = openssl.run("cms", "-encrypt", "-binary", "-outform", "DER", "-in", "secret.txt", "-out", "envelope.der",
                "-recip", "cert.pem", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-aes-256-gcm");
        byte[] der = Files.readAllBytes(directory.resolve("envelope.der"));

        assertTrue(encrypt.succeeded(), encrypt.describe());
        assertSamePassword(password, new EnvelopeDecryptor().openRecoveryPassword(der, server.privateKey(), server.certificate()),
                "what AMS decrypted");
    }

    @Test
    @DisplayName("openssl's default PKCS#1 v1.5 key transport is refused")
    void amsRefusesOpensslDefaultKeyTransport() throws Exception {
        writePem(directory.resolve("cert.pem"), server.certificate());
        Files.write(directory.resolve("secret.txt"), password.toAsciiBytes());

        Openssl.Result encrypt = openssl.run("cms", "-encrypt", "-binary", "-outform", "DER", "-in", "secret.txt", "-out", "envelope.der",
                "-recip", "cert.pem", "-aes-256-gcm");
        byte[] der = Files.readAllBytes(directory.resolve("envelope.der"));

        assertTrue(encrypt.succeeded(), encrypt.describe());
        EnvelopeException refused = assertThrows(EnvelopeException.class,
                () -> new EnvelopeDecryptor().decrypt(der, server.privateKey(), server.certificate()));
        assertEquals(Reason.UNSUPPORTED_ALGORITHM, refused.reason());
    }

    @Test
    @DisplayName("a PKCS#12 file made by `openssl pkcs12 -export` imports into AMS")
    void amsImportsOpensslPkcs12() throws Exception {
        writePem(directory.resolve("cert.pem"), server.certificate());
        writeKeyPem(directory.resolve("key.pem"));
        Files.writeString(directory.resolve("pass.txt"), new String(BACKUP_PASSWORD));

        Openssl.Result export = openssl.run("pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", "file:pass.txt",
                "-out", "openssl.p12");
        byte[] pkcs12 = Files.readAllBytes(directory.resolve("openssl.p12"));

        assertTrue(export.succeeded(), export.describe());
        EncryptionCredential imported = EncryptionCertificates.fromPkcs12(pkcs12, BACKUP_PASSWORD);
        assertEquals(server.certificate(), imported.certificate());
        Pkcs12ImportException wrong = assertThrows(Pkcs12ImportException.class,
                () -> EncryptionCertificates.fromPkcs12(pkcs12, "not it".toCharArray()));
        assertEquals(Pkcs12ImportException.Reason.WRONG_PASSWORD, wrong.reason());
    }

    private static void writePem(Path file, X509Certificate certificate) throws IOException, CertificateEncodingException {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
    }

    private void writeKeyPem(Path file) throws IOException {
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(server.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    }
}
