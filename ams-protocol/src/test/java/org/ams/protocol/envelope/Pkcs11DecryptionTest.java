package org.ams.protocol.envelope;

import static org.ams.protocol.SecretAssertions.assertSamePassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.ams.protocol.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.TestCertificates;
import org.ams.protocol.TestCredentials;
import org.ams.protocol.envelope.EnvelopeException.Reason;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Decryption with a non-extractable RSA key inside a PKCS#11 token (SoftHSM through the JDK's SunPKCS11), the way
 * the server uses an HSM. SunPKCS11 has no OAEP cipher, so this exercises the raw-RSA-plus-software-OAEP path for real.
 *
 * <p>Skipped unless SoftHSM is installed and {@code SOFTHSM2_CONF} is set (Surefire sets it, see the module POM);
 * SoftHSM reads that variable when the module is initialised, and a JVM cannot set its own environment.
 */
@DisplayName("decryption with a non-extractable PKCS#11 key")
class Pkcs11DecryptionTest {

    private static final Path SOFTHSM_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Path SOFTHSM_UTIL = Path.of("/usr/bin/softhsm2-util");
    private static final String USER_PIN = "87654321";

    private static Provider token;
    private static KeyPair tokenKeys;
    private static X509Certificate certificate;

    @BeforeAll
    static void createTokenWithKey() throws Exception {
        String configuration = System.getenv("SOFTHSM2_CONF");
        RequiredTool.require(configuration != null && Files.isReadable(SOFTHSM_LIBRARY) && Files.isExecutable(SOFTHSM_UTIL),
                "needs SoftHSM 2 and SOFTHSM2_CONF");
        Path softhsm = Path.of(configuration).toAbsolutePath().getParent();
        deleteRecursively(softhsm);
        Files.createDirectories(softhsm.resolve("tokens"));
        Files.writeString(Path.of(configuration),
                "directories.tokendir = " + softhsm.resolve("tokens") + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        initialiseToken(configuration);

        Path providerConfiguration = softhsm.resolve("sunpkcs11.cfg");
        // Private keys the token generates are sensitive and non-extractable, like keys in a real HSM.
        Files.writeString(providerConfiguration, String.join("\n",
                "name = AmsSoftHsm",
                "library = " + SOFTHSM_LIBRARY,
                "slotListIndex = 0",
                "attributes(generate, CKO_PRIVATE_KEY, *) = {",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "}",
                ""));
        token = Security.getProvider("SunPKCS11").configure(providerConfiguration.toString());
        KeyStore keyStore = KeyStore.getInstance("PKCS11", token);
        keyStore.load(null, USER_PIN.toCharArray());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", token);
        generator.initialize(2048);
        tokenKeys = generator.generateKeyPair();
        // Signed by a software key: the test is about decryption, and the certificate only has to name the token's key.
        certificate = TestCertificates.certificate(tokenKeys.getPublic(), TestCredentials.jdk().privateKey(), "AMS HSM key",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), KeyUsage.keyEncipherment);
    }

    @Test
    void theTokenKeyCannotBeExtracted() {
        assertNull(tokenKeys.getPrivate().getEncoded());
    }

    @Test
    @DisplayName("a sealed recovery password opens with the token's key when the decryptor is given the token provider")
    void opensWithTokenKey() throws Exception {
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6});
        byte[] der = new EnvelopeEncryptor().seal(password, certificate);
        EnvelopeDecryptor decryptor = EnvelopeDecryptor.builder().keyProvider(token).build();

        RecoveryPassword opened = decryptor.openRecoveryPassword(der, tokenKeys.getPrivate(), certificate);

        assertSamePassword(password, opened, "the password opened with the HSM key");
    }

    @Test
    @DisplayName("an altered encrypted key fails as an ordinary decryption failure")
    void detectsAlteredEncryptedKey() throws Exception {
        byte[] der = new EnvelopeEncryptor().encrypt(new byte[] {1, 2, 3}, certificate);
        der[TestEnvelopes.indexOf(der, TestEnvelopes.keyTransRecipientInfo(der).getEncryptedKey().getOctets()) + 100] ^= 0x01;
        EnvelopeDecryptor decryptor = EnvelopeDecryptor.builder().keyProvider(token).build();

        EnvelopeException thrown = assertThrows(EnvelopeException.class,
                () -> decryptor.decrypt(der, tokenKeys.getPrivate(), certificate));

        assertEquals(Reason.DECRYPTION_FAILED, thrown.reason());
    }

    @Test
    @DisplayName("without the token provider, an unregistered token key is reported as unusable with a hint")
    void explainsAMissingKeyProvider() throws Exception {
        byte[] der = new EnvelopeEncryptor().encrypt(new byte[] {1}, certificate);

        EnvelopeException thrown = assertThrows(EnvelopeException.class,
                () -> new EnvelopeDecryptor().decrypt(der, tokenKeys.getPrivate(), certificate));

        assertEquals(Reason.KEY_UNUSABLE, thrown.reason());
        assertTrue(thrown.getMessage().contains("keyProvider"), "tells how to fix it");
    }

    private static void initialiseToken(String configuration) throws IOException, InterruptedException {
        ProcessBuilder init = new ProcessBuilder(SOFTHSM_UTIL.toString(), "--init-token", "--free", "--label", "ams-test",
                "--so-pin", "12345678", "--pin", USER_PIN).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", configuration);
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "softhsm2-util did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
