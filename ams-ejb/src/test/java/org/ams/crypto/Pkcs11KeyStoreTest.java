package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.ams.protocol.RequiredTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HSM key store against a real PKCS#11 token: SoftHSM2 through the JDK's SunPKCS11, configured the way an
 * administrator configures AMS ({@code ams.hsm.*}).
 * <p>
 * Skipped on a machine without SoftHSM unless {@code CI=true}; Surefire sets {@code SOFTHSM2_CONF} (see the POM),
 * which SoftHSM reads when the module is loaded.
 */
@DisplayName("encryption keys in a PKCS#11 token")
class Pkcs11KeyStoreTest {

    private static final Path LIBRARY = Path.of(Pkcs11KeyStore.DEFAULT_LIBRARY);
    private static final Path SOFTHSM_UTIL = Path.of("/usr/bin/softhsm2-util");
    private static final String PIN = "24681357";
    private static final String SECOND_LABEL = "ams-ejb-second";
    private static String slot;
    private static String secondSlot;
    private static String untouchedSlot;

    @BeforeAll
    static void createToken() throws Exception {
        String configuration = System.getenv("SOFTHSM2_CONF");
        boolean available = configuration != null && Files.isReadable(LIBRARY) && Files.isExecutable(SOFTHSM_UTIL);
        RequiredTool.require(available, "SoftHSM 2 and SOFTHSM2_CONF");
        Path directory = Path.of(configuration).toAbsolutePath().getParent();
        deleteRecursively(directory);
        Files.createDirectories(directory.resolve("tokens"));
        Files.writeString(Path.of(configuration),
                "directories.tokendir = " + directory.resolve("tokens") + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        slot = initialiseToken("ams-ejb-test", PIN);
        // PKCS#11 login state is shared by every session of a token in a process, so a wrong PIN is only noticed by
        // a token nobody in this JVM has logged in to yet.
        untouchedSlot = initialiseToken("ams-ejb-untouched", "11223344");
        secondSlot = initialiseToken(SECOND_LABEL, PIN);
    }

    @BeforeEach
    void useTheTestToken() {
        System.setProperty(Pkcs11KeyStore.SLOT, slot);
    }

    @AfterEach
    void clearSettings() {
        System.clearProperty(Pkcs11KeyStore.PIN);
        System.clearProperty(Pkcs11KeyStore.LIBRARY);
        System.clearProperty(Pkcs11KeyStore.SLOT);
        System.clearProperty(Pkcs11KeyStore.TOKEN_LABEL);
    }

    @Test
    @DisplayName("generates a non-extractable key in the token, and decrypts a sealed recovery password inside it")
    void generatesAndDecryptsInTheToken() throws Exception {
        System.setProperty(Pkcs11KeyStore.PIN, PIN);
        Pkcs11KeyStore store = new Pkcs11KeyStore();

        EncryptionCredential generated = store.generate("ams-generated", "AMS HSM test", 2048, Duration.ofDays(365));

        assertNull(generated.privateKey().getEncoded(), "the private key cannot leave the token");
        assertTrue(EncryptionCertificates.hasAmsEncryptionUsage(generated.certificate()));
        EncryptionCertificate certificate = EncryptionCertificate.withTokenKey(generated.certificate(), "ams-generated",
                CertificateOrigin.GENERATED);
        RecoveryPassword password = randomPassword();
        byte[] envelope = new EnvelopeEncryptor().seal(password, generated.certificate());

        RecoveryPassword opened = store.decryptor().openRecoveryPassword(envelope, store.privateKey(certificate),
                certificate.certificate());

        assertEquals(password, opened);
        assertEquals(false, certificate.canBeBackedUp(), "an HSM key is never exported as a PKCS#12 backup");
    }

    @Test
    @DisplayName("an existing key is found by alias by a newly configured provider, as after a server restart")
    void findsAnExistingKeyByAlias() throws Exception {
        System.setProperty(Pkcs11KeyStore.PIN, PIN);
        EncryptionCredential generated = new Pkcs11KeyStore().generate("ams-existing", "AMS HSM existing", 2048,
                Duration.ofDays(365));
        RecoveryPassword password = randomPassword();
        byte[] envelope = new EnvelopeEncryptor().seal(password, generated.certificate());

        Pkcs11KeyStore afterRestart = new Pkcs11KeyStore();
        EncryptionCredential found = afterRestart.existing("ams-existing");

        assertEquals(EncryptionCertificates.thumbprintSha256(generated.certificate()),
                EncryptionCertificates.thumbprintSha256(found.certificate()));
        assertEquals(password, afterRestart.decryptor().openRecoveryPassword(envelope, found.privateKey(), found.certificate()));
    }

    @Test
    void anUnknownAliasIsRefusedWithTheAliasesThatExist() {
        System.setProperty(Pkcs11KeyStore.PIN, PIN);

        CertificateRefusedException thrown = assertThrows(CertificateRefusedException.class,
                () -> new Pkcs11KeyStore().existing("no-such-key"));

        assertTrue(thrown.getMessage().contains("no-such-key"), thrown.getMessage());
    }

    @Test
    void aWrongPinIsReportedAsSuch() {
        System.setProperty(Pkcs11KeyStore.SLOT, untouchedSlot);
        System.setProperty(Pkcs11KeyStore.PIN, "00000000");

        HsmUnavailableException thrown = assertThrows(HsmUnavailableException.class,
                () -> new Pkcs11KeyStore().existing("anything"));

        assertTrue(thrown.getMessage().contains("refused the PIN"), thrown.getMessage());
        assertTrue(!thrown.getMessage().contains("00000000"), "the PIN is never in a message");
    }

    @Test
    void aModuleThatCannotBeLoadedIsReportedAsSuch() {
        System.setProperty(Pkcs11KeyStore.PIN, PIN);
        System.setProperty(Pkcs11KeyStore.LIBRARY, "/usr/lib/no-such-pkcs11-module.so");

        HsmUnavailableException thrown = assertThrows(HsmUnavailableException.class,
                () -> new Pkcs11KeyStore().existing("anything"));

        assertTrue(thrown.getMessage().contains("cannot be loaded"), thrown.getMessage());
    }

    @Test
    void withoutAPinTheHsmIsNotConfigured() {
        Pkcs11KeyStore store = new Pkcs11KeyStore();

        assertEquals(false, store.configured());
        assertThrows(HsmUnavailableException.class, () -> store.existing("anything"));
    }

    @Test
    @DisplayName("a token chosen by its label is used, not the first token of the module")
    void choosesTheTokenByLabel() throws Exception {
        System.clearProperty(Pkcs11KeyStore.SLOT);
        System.setProperty(Pkcs11KeyStore.TOKEN_LABEL, SECOND_LABEL);
        System.setProperty(Pkcs11KeyStore.PIN, PIN);

        EncryptionCredential generated = new Pkcs11KeyStore().generate("ams-by-label", "AMS HSM by label", 2048,
                Duration.ofDays(365));

        System.clearProperty(Pkcs11KeyStore.TOKEN_LABEL);
        System.setProperty(Pkcs11KeyStore.SLOT, secondSlot);
        assertEquals(EncryptionCertificates.thumbprintSha256(generated.certificate()),
                EncryptionCertificates.thumbprintSha256(new Pkcs11KeyStore().existing("ams-by-label").certificate()),
                "the key is in the token labelled " + SECOND_LABEL);
        System.setProperty(Pkcs11KeyStore.SLOT, slot);
        assertThrows(CertificateRefusedException.class, () -> new Pkcs11KeyStore().existing("ams-by-label"),
                "the key is not in the first token");
    }

    @Test
    void aLabelNoTokenHasIsReportedWithTheLabelsThatExist() {
        System.clearProperty(Pkcs11KeyStore.SLOT);
        System.setProperty(Pkcs11KeyStore.TOKEN_LABEL, "no-such-token");
        System.setProperty(Pkcs11KeyStore.PIN, PIN);

        HsmUnavailableException thrown = assertThrows(HsmUnavailableException.class,
                () -> new Pkcs11KeyStore().existing("anything"));

        assertTrue(thrown.getMessage().contains("has the label 'no-such-token'"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("'" + SECOND_LABEL + "'"), thrown.getMessage());
    }

    @Test
    @DisplayName("after the token logs out under it, the store logs in again and the next decryption succeeds")
    void logsInAgainAfterTheTokenLoggedOut() throws Exception {
        System.setProperty(Pkcs11KeyStore.SLOT, secondSlot);
        System.setProperty(Pkcs11KeyStore.PIN, PIN);
        Pkcs11KeyStore store = new Pkcs11KeyStore();
        EncryptionCertificate certificate = inTheToken(store.generate("ams-reconnect", "AMS HSM reconnect", 2048,
                Duration.ofDays(365)), "ams-reconnect");
        RecoveryPassword password = randomPassword();
        byte[] envelope = new EnvelopeEncryptor().seal(password, certificate.certificate());
        assertEquals(password, openWith(store, envelope, certificate));
        PrivateKey keyOfTheLostSession = store.privateKey(certificate);

        logOutOfTheToken(secondSlot);

        assertThrows(EnvelopeException.class, () -> store.decryptor().openRecoveryPassword(envelope,
                keyOfTheLostSession, certificate.certificate()), "the old login is really gone");
        assertEquals(password, openWith(store, envelope, certificate));
    }

    @Test
    void aWrongPinWhenLoggingInAgainIsReportedAsSuch() throws Exception {
        System.setProperty(Pkcs11KeyStore.SLOT, secondSlot);
        System.setProperty(Pkcs11KeyStore.PIN, PIN);
        Pkcs11KeyStore store = new Pkcs11KeyStore();
        EncryptionCertificate certificate = inTheToken(store.generate("ams-reconnect-pin", "AMS HSM wrong PIN", 2048,
                Duration.ofDays(365)), "ams-reconnect-pin");
        byte[] envelope = new EnvelopeEncryptor().seal(randomPassword(), certificate.certificate());

        System.setProperty(Pkcs11KeyStore.PIN, "00000000");
        logOutOfTheToken(secondSlot);

        HsmUnavailableException thrown = assertThrows(HsmUnavailableException.class,
                () -> openWith(store, envelope, certificate));
        assertTrue(thrown.getMessage().contains("refused the PIN"), thrown.getMessage());
        assertTrue(!thrown.getMessage().contains("00000000"), "the PIN is never in a message");
    }

    private static EncryptionCertificate inTheToken(EncryptionCredential generated, String alias) {
        return EncryptionCertificate.withTokenKey(generated.certificate(), alias, CertificateOrigin.GENERATED);
    }

    private static RecoveryPassword openWith(Pkcs11KeyStore store, byte[] envelope, EncryptionCertificate certificate)
            throws EnvelopeException {
        return store.decrypt(certificate,
                (decryptor, key) -> decryptor.openRecoveryPassword(envelope, key, certificate.certificate()));
    }

    /**
     * Logs the token out through a provider of its own: PKCS#11 login state belongs to the token, so every session
     * of every provider in this process loses it, as when the token restarts.
     */
    private static void logOutOfTheToken(String slotId) throws Exception {
        Provider other = Security.getProvider("SunPKCS11").configure(
                "--name = OtherClient\nlibrary = " + LIBRARY + "\nslot = " + slotId + "\n");
        KeyStore.getInstance("PKCS11", other).load(null, PIN.toCharArray());
        ((AuthProvider) other).logout();
    }

    /** @return the slot id SoftHSM assigned to the new token */
    private static String initialiseToken(String label, String pin) throws Exception {
        Process init = new ProcessBuilder(SOFTHSM_UTIL.toString(), "--init-token", "--free", "--label", label,
                "--so-pin", "13572468", "--pin", pin).redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(init.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, init.exitValue(), output);
        java.util.regex.Matcher slotId = java.util.regex.Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        assertTrue(slotId.find(), output);
        return slotId.group(1);
    }

    private static RecoveryPassword randomPassword() {
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        return RecoveryPassword.fromKeyBytes(key);
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
