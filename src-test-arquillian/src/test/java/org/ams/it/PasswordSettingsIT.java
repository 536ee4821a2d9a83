package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.PasswordSettingsPage;
import org.ams.it.browser.PasswordSettingsPage.Row;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.ams.protocol.RequiredTool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access Manager Agent / Password settings in a real browser: the administrator generates an encryption certificate,
 * is made to back it up before it can be active, activates it, and imports PFX files, good and bad; and generates a
 * certificate whose key stays in an HSM (SoftHSM2), to which the real agent then escrows a recovery password that
 * the server itself opens in the token when the software certificate is set active again.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordSettingsIT extends BrowserIT {

    private static final String BACKUP_PASSWORD = "Backup-Password-" + Long.toHexString(new SecureRandom().nextLong());
    private static final String IMPORT_PASSWORD = "Import-Password-42";
    /** Other test classes of the run share the database, so this class's certificates carry a name of their own. */
    private static final String RUN = Long.toHexString(new SecureRandom().nextLong());
    private static final String HSM_TOKEN = "ams-it";
    private static final String HSM_PIN = "24681357";
    /** The device that escrows to the HSM certificate, and the volumes it reports: one volume, a known password. */
    private static final String HSM_DEVICE = "PWSETTINGS-HSM-" + RUN.toUpperCase();
    private static final String HSM_VOLUMES = "helpdesk-twin-volumes.json";
    private static String generatedThumbprint;
    /** The PKCS#12 backup of the generated certificate, protected by {@link #BACKUP_PASSWORD}. */
    private static Path generatedBackup;
    private static String hsmThumbprint;
    private static Path files;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void makeFileDirectory() throws IOException {
        files = Files.createTempDirectory(TestEnvironment.work(), "pfx-");
    }

    @Test
    @Order(1)
    @DisplayName("Generate new..., insist on a backup with the guide's warning, download it, then set it active")
    void generateBackUpAndActivate() throws Exception {
        PasswordSettingsPage page = signInAndOpen();
        assertEquals(page.rows().isEmpty(), page.showsNoCertificateNotice(), "without certificates the page says so");
        assertEquals("4096 bits", page.selectedKeySize(), "RSA 4096 is the default");

        page.generate("AMS IT encryption " + RUN);

        assertTrue(page.backupDialogShown(), "the backup dialog opens by itself after generating");
        String warning = page.backupWarning();
        assertTrue(warning.contains("If you lose this certificate, you will not be able to decrypt any passwords"), warning);
        assertTrue(warning.contains("There are no other recovery options"), warning);
        Row generated = bySubject(page.rows(), "CN=AMS IT encryption " + RUN);
        generatedThumbprint = generated.thumbprint();
        assertEquals("RSA 4096", generated.key());
        assertEquals(64, generated.thumbprint().length());
        assertTrue(generated.backupRequired());
        assertFalse(generated.activatable(), "Set active is refused until the certificate is backed up");

        page.downloadBackupRefused(BACKUP_PASSWORD, BACKUP_PASSWORD + "x");
        page = new PasswordSettingsPage(browser);
        assertTrue(page.errorText().contains("The two passwords are not the same"), page.errorText());
        page.downloadBackupRefused("short", "short");
        page = new PasswordSettingsPage(browser);
        assertTrue(page.errorText().contains("at least 12 characters"), page.errorText());
        assertTrue(listDownloads().isEmpty(), "nothing was downloaded");
        assertTrue(page.row(generated.thumbprint()).orElseThrow().backupRequired());

        page.downloadBackup(BACKUP_PASSWORD, BACKUP_PASSWORD);
        Path backup = awaitDownload(".pfx");
        generatedBackup = backup;
        browser.waitUntil(driver -> !new PasswordSettingsPage(browser).row(generated.thumbprint()).orElseThrow().backupRequired());

        EncryptionCredential restored = EncryptionCertificates.fromPkcs12(Files.readAllBytes(backup), BACKUP_PASSWORD.toCharArray());
        assertEquals(generated.thumbprint(), EncryptionCertificates.thumbprintSha256(restored.certificate()),
                "the downloaded backup holds the listed certificate");
        Row backedUp = new PasswordSettingsPage(browser).row(generated.thumbprint()).orElseThrow();
        assertTrue(backedUp.activatable());

        page = new PasswordSettingsPage(browser);
        int storedSecrets = page.rows().stream().mapToInt(Row::secrets).sum();
        page.activate(generated.thumbprint());

        page = new PasswordSettingsPage(browser);
        assertEquals("Active", page.row(generated.thumbprint()).orElseThrow().state(), page.errorText());
        assertTrue(page.infoText().contains("now active"), page.infoText());
        if (storedSecrets > 0) {
            // Secrets stored by other tests of this run are re-encrypted to the new certificate; the page follows it.
            browser.waitUntil(driver -> new PasswordSettingsPage(browser).rotationStatus().startsWith("Finished"),
                    Duration.ofMinutes(3));
            page = new PasswordSettingsPage(browser);
            assertTrue(page.rotationStatus().contains(generated.subject() + ": " + storedSecrets + " of " + storedSecrets),
                    page.rotationStatus());
            assertEquals(storedSecrets, page.row(generated.thumbprint()).orElseThrow().secrets());
        }
        assertFalse(page.row(generated.thumbprint()).orElseThrow().deletable(), "the active certificate cannot be deleted");
    }

    @Test
    @Order(2)
    @DisplayName("Import... refuses a wrong password, foreign and unfit files with a clear message and changes nothing")
    void importRefusesBadInput() throws Exception {
        EncryptionCredential credential = EncryptionCertificates.generate("AMS IT imported " + RUN, 2048, Duration.ofDays(365));
        Path pfx = write("imported.pfx", EncryptionCertificates.toPkcs12(credential.privateKey(), credential.certificate(),
                IMPORT_PASSWORD.toCharArray()));
        EncryptionCredential old = EncryptionCertificates.generate("AMS IT expired", 2048, Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC));
        Path expired = write("expired.pfx", EncryptionCertificates.toPkcs12(old.privateKey(), old.certificate(),
                IMPORT_PASSWORD.toCharArray()));
        Path smallKey = opensslPkcs12("small", "rsa:1024", false);
        Path ecKey = opensslPkcs12("ec", "ec", false);
        Path certificateOnly = opensslPkcs12("nokey", "rsa:2048", true);
        Path notPkcs12 = write("notes.txt", "not a key store".getBytes(StandardCharsets.UTF_8));
        byte[] large = new byte[100 * 1024];
        new SecureRandom().nextBytes(large);
        Path oversized = write("large.pfx", large);

        PasswordSettingsPage page = signInAndOpen();
        List<Row> before = page.rows();

        assertRefused(pfx, "wrong-password", "The password does not open this PKCS#12 file", before);
        assertRefused(notPkcs12, IMPORT_PASSWORD, "not a PKCS#12", before);
        assertRefused(oversized, IMPORT_PASSWORD, "at most 64 KiB", before);
        assertRefused(smallKey, IMPORT_PASSWORD, "1024 bits; at least 2048", before);
        assertRefused(ecKey, IMPORT_PASSWORD, "not an RSA key", before);
        assertRefused(certificateOnly, IMPORT_PASSWORD, "no private key", before);
        assertRefused(expired, IMPORT_PASSWORD, "has expired", before);

        new PasswordSettingsPage(browser).importPkcs12(pfx, IMPORT_PASSWORD);

        page = new PasswordSettingsPage(browser);
        assertEquals("", page.errorText());
        String thumbprint = EncryptionCertificates.thumbprintSha256(credential.certificate());
        Row imported = page.row(thumbprint).orElseThrow(() -> new AssertionError("imported certificate not listed"));
        assertEquals("CN=AMS IT imported " + RUN, imported.subject());
        assertEquals("Available", imported.state());
        assertFalse(imported.backupRequired(), "the imported file is its own backup");
        assertTrue(imported.activatable());

        new PasswordSettingsPage(browser).importPkcs12(pfx, IMPORT_PASSWORD);
        page = new PasswordSettingsPage(browser);
        assertTrue(page.errorText().contains("already in AMS"), page.errorText());
        assertEquals(before.size() + 1, page.rows().size());
    }

    @Test
    @Order(3)
    @DisplayName("A certificate nothing depends on can be deleted; the active one cannot")
    void deleteWhenNothingDepends() {
        PasswordSettingsPage page = signInAndOpen();
        Row imported = bySubject(page.rows(), "CN=AMS IT imported " + RUN);
        int before = page.rows().size();
        assertEquals(0, imported.secrets());
        assertTrue(imported.deletable());

        page.delete(imported.thumbprint());

        page = new PasswordSettingsPage(browser);
        assertTrue(page.row(imported.thumbprint()).isEmpty(), "the deleted certificate is gone");
        assertEquals(before - 1, page.rows().size());
        assertEquals("Active", page.row(generatedThumbprint).orElseThrow().state());
    }

    @Test
    @Order(4)
    @DisplayName("The encrypted secrets download holds one envelope per stored secret, never plaintext")
    void encryptedSecretsDownload() throws Exception {
        PasswordSettingsPage page = signInAndOpen();
        int stored = page.rows().stream().mapToInt(Row::secrets).sum();

        page.downloadEncryptedSecrets();

        Path export = awaitDownload(".jsonl");
        List<String> lines = Files.readAllLines(export);
        assertEquals(stored, lines.size(), "one line per secret the certificate list counts");
        for (String line : lines) {
            jakarta.json.JsonObject json = jakarta.json.Json.createReader(new java.io.StringReader(line)).readObject();
            assertEquals("RECOVERY_PASSWORD", json.getString("kind"));
            assertEquals(64, json.getString("certificateThumbprint").length());
            byte[] envelope = java.util.Base64.getDecoder().decode(json.getString("envelope"));
            assertEquals(0x30, envelope[0] & 0xFF, "a DER CMS ContentInfo");
        }
    }

    @Test
    @Order(5)
    @DisplayName("Generate new... in the HSM (SoftHSM2, chosen by token label): a wrong PIN is refused and changes "
            + "nothing; then the key is made in the token, listed as HSM without a backup file, and set active")
    void generateInTheHsm() throws Exception {
        Path softHsmConfiguration = softHsmAvailable();
        PasswordSettingsPage page = signInAndOpen();
        assertTrue(page.generateDialogHint().contains("ams.hsm.pin"), "without a PIN the dialog says how to configure an HSM");
        Path tokens = Files.createTempDirectory(TestEnvironment.work(), "softhsm-tokens-");
        Files.createDirectories(softHsmConfiguration.getParent());
        Files.writeString(softHsmConfiguration, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");
        softHsm("--init-token", "--free", "--label", HSM_TOKEN, "--so-pin", "13572468", "--pin", HSM_PIN);
        List<Row> before = page.rows();

        configureHsm("00000000");
        page = signInAndOpen();
        page.generateInHsm("AMS IT HSM " + RUN);
        assertTrue(page.errorText().contains("refused the PIN"), page.errorText());
        assertFalse(page.errorText().contains("00000000"), "the PIN is never echoed");
        assertEquals(before, page.rows(), "a refused PIN changes nothing");

        configureHsm(HSM_PIN);
        page = signInAndOpen();
        page.generateInHsm("AMS IT HSM " + RUN);

        page = new PasswordSettingsPage(browser);
        assertEquals("", page.errorText());
        assertTrue(page.infoText().contains("inside the HSM"), page.infoText());
        Row inToken = bySubject(page.rows(), "CN=AMS IT HSM " + RUN);
        assertEquals("RSA 2048", inToken.key());
        assertEquals("(HSM)", inToken.storage());
        assertFalse(inToken.backupOffered(), "no PKCS#12 backup is offered for a key that cannot leave the token");
        assertTrue(inToken.noBackup().contains("the key cannot leave the HSM"), inToken.noBackup());
        assertFalse(inToken.backupRequired());
        assertTrue(inToken.activatable());

        page.activate(inToken.thumbprint());

        page = new PasswordSettingsPage(browser);
        assertEquals("Active", page.row(inToken.thumbprint()).orElseThrow().state(), page.errorText());
        // A rotation into the token (when the vault holds secrets: on the shared server, other classes') runs on
        // after the page answers: the next step counts what each certificate holds, so it starts once every secret
        // has moved (seen in CI: counted while secrets were still moving). The page polls while one runs.
        browser.waitUntil(driver -> !new PasswordSettingsPage(browser).rotationStatus().startsWith("Re-encrypting"),
                Duration.ofMinutes(3));
        hsmThumbprint = inToken.thumbprint();
    }

    /**
     * The server decrypts with a key that never leaves the token: the real agent escrows a recovery password to the
     * active certificate, the HSM one, which the software certificate's key cannot open (the server stores nothing it
     * cannot open, so the check-in already opens it in the token); setting the software certificate active again
     * makes the re-encryption job open the envelope in the token and re-seal it; the software certificate's PKCS#12
     * backup then opens the exported envelope to the password the device reported.
     */
    @Test
    @Order(6)
    @DisplayName("A recovery password the real agent escrows to the HSM certificate is opened by the server in the "
            + "token when the software certificate is set active again, and re-sealed to it: its backup opens it")
    void rotationOutOfTheHsm() throws Exception {
        Assumptions.assumeTrue(hsmThumbprint != null, "needs the HSM certificate that generateInTheHsm sets active");
        EncryptionCredential software = EncryptionCertificates.fromPkcs12(Files.readAllBytes(generatedBackup),
                BACKUP_PASSWORD.toCharArray());
        signInAndOpen();
        AgentRegistrationPage registration = console().agentRegistration();
        if (!registration.agentSupportStatus().contains("enabled")) {
            registration.enableAgentSupport();
        }
        String registrationKey = console().agentRegistration().addKey("Password settings IT " + RUN, null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        AgentDevice device = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "hsm-agent-"),
                ConsoleSetup.servedFingerprint());
        assertSucceeded(device.register(registrationKey, HSM_DEVICE), "(APPROVED)");
        assertSucceeded(device.checkIn(HSM_VOLUMES), "1 escrowed");

        PasswordSettingsPage page = signInAndOpen();
        JsonObject sealedInToken = exportedEnvelopeOf(page, HSM_DEVICE);
        assertEquals(hsmThumbprint, sealedInToken.getString("certificateThumbprint"),
                "the agent escrowed to the active certificate, the one in the HSM");
        byte[] tokenEnvelope = Base64.getDecoder().decode(sealedInToken.getString("envelope"));
        assertThrows(EnvelopeException.class, () -> new EnvelopeDecryptor().openRecoveryPassword(tokenEnvelope,
                software.privateKey(), software.certificate()), "only the key in the token opens the envelope");

        page = new PasswordSettingsPage(browser);
        int toRewrap = page.rows().stream().filter(row -> !row.thumbprint().equals(generatedThumbprint))
                .mapToInt(Row::secrets).sum();
        assertTrue(page.row(hsmThumbprint).orElseThrow().secrets() >= 1,
                "the HSM certificate holds the escrowed secret");
        page.activate(generatedThumbprint);
        String finished = "Finished re-encrypting to CN=AMS IT encryption " + RUN + ": ";
        browser.waitUntil(driver -> new PasswordSettingsPage(browser).rotationStatus().startsWith(finished),
                Duration.ofMinutes(3));

        page = new PasswordSettingsPage(browser);
        assertEquals("Active", page.row(generatedThumbprint).orElseThrow().state(), page.errorText());
        String status = page.rotationStatus();
        assertTrue(status.contains(": " + toRewrap + " of " + toRewrap), status + " (expected " + toRewrap + ")");
        assertFalse(status.contains("could not be opened"), status);
        assertEquals(0, page.row(hsmThumbprint).orElseThrow().secrets(), "nothing stays sealed to the HSM key");
        JsonObject resealed = exportedEnvelopeOf(page, HSM_DEVICE);
        assertEquals(generatedThumbprint, resealed.getString("certificateThumbprint"));
        byte[] softwareEnvelope = Base64.getDecoder().decode(resealed.getString("envelope"));
        RecoveryPassword opened = new EnvelopeDecryptor().openRecoveryPassword(softwareEnvelope, software.privateKey(),
                software.certificate());
        // RecoveryPassword compares in constant time and never prints itself; the message names no password.
        assertTrue(reportedPassword(HSM_VOLUMES).equals(opened),
                "the backup opens the re-sealed envelope to the recovery password the device reported");
    }

    /** Downloads the encrypted secrets afresh and returns the one line of this device's recovery password. */
    private static JsonObject exportedEnvelopeOf(PasswordSettingsPage page, String deviceName) throws IOException {
        for (Path old : listDownloads()) {
            if (old.getFileName().toString().endsWith(".jsonl")) {
                Files.delete(old);
            }
        }
        page.downloadEncryptedSecrets();
        List<JsonObject> lines = Files.readAllLines(awaitDownload(".jsonl")).stream()
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(json -> deviceName.equals(json.getString("deviceName", null))).toList();
        assertEquals(1, lines.size(), "one escrowed recovery password of " + deviceName);
        assertEquals("RECOVERY_PASSWORD", lines.get(0).getString("kind"));
        return lines.get(0);
    }

    /** The recovery password of the single volume in a test volumes file, as the agent reads and reports it. */
    private static RecoveryPassword reportedPassword(String volumesFile) throws IOException {
        try (InputStream in = PasswordSettingsIT.class.getResourceAsStream("/volumes/" + volumesFile)) {
            jakarta.json.JsonArray volumes = Json.createReader(in).readArray();
            assertEquals(1, volumes.size(), volumesFile);
            return RecoveryPassword.parse(volumes.getJsonObject(0).getJsonArray("recoveryPasswords").getJsonObject(0)
                    .getString("recoveryPassword"));
        }
    }

    /** The server reads {@code ams.properties} in its data directory on every use of a setting. */
    private static void configureHsm(String pin) throws IOException {
        Files.writeString(TestEnvironment.dataDirectory().resolve("ams.properties"),
                "ams.hsm.token-label=" + HSM_TOKEN + "\nams.hsm.pin=" + pin + "\n");
    }

    /**
     * @return where {@code SOFTHSM2_CONF} points: the failsafe JVM and the server it starts share the variable (see
     *         the POM); SoftHSM reads the file when the server first loads the module
     */
    private static Path softHsmAvailable() {
        String configuration = System.getenv("SOFTHSM2_CONF");
        boolean available = configuration != null && Files.isReadable(Path.of("/usr/lib/softhsm/libsofthsm2.so"))
                && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"));
        RequiredTool.require(available, "SoftHSM 2 and SOFTHSM2_CONF");
        return Path.of(configuration);
    }

    private static void softHsm(String... arguments) throws Exception {
        List<String> command = Stream.concat(Stream.of("/usr/bin/softhsm2-util"), Stream.of(arguments)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "softhsm2-util did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    private void assertRefused(Path file, String password, String expected, List<Row> before) {
        new PasswordSettingsPage(browser).importPkcs12(file, password);
        PasswordSettingsPage page = new PasswordSettingsPage(browser);
        assertTrue(page.errorText().contains(expected), file.getFileName() + ": " + page.errorText());
        assertEquals(before, page.rows(), file.getFileName() + " changed nothing");
        assertFalse(page.errorText().contains(password), "the password is never echoed");
    }

    private PasswordSettingsPage signInAndOpen() {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "login.xhtml", LoginPage.class).signIn("admin", TestEnvironment.adminPassword());
        // The sign-in answers with a redirect: wait for the page it leads to, not the login page still showing.
        browser.waitUntil(driver -> {
            try {
                return new Menu(browser).entries().contains("Password settings");
            } catch (org.openqa.selenium.WebDriverException stillLoading) {
                return false;
            }
        });
        Menu menu = new Menu(browser);
        menu.open("Password settings");
        PasswordSettingsPage page = new PasswordSettingsPage(browser);
        assertEquals("Password settings", page.heading(), "the page is named as the menu and the guide name it");
        assertEquals("Encryption certificates", page.subtitle());
        return page;
    }

    private static Row bySubject(List<Row> rows, String subject) {
        List<Row> matching = rows.stream().filter(row -> row.subject().equals(subject)).toList();
        assertEquals(1, matching.size(), rows.toString());
        return matching.get(0);
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(files.resolve(name), content);
    }

    private static List<Path> listDownloads() throws IOException {
        try (Stream<Path> listing = Files.list(downloads)) {
            return listing.toList();
        }
    }

    private static Path awaitDownload(String suffix) {
        return browser.waitUntil(driver -> {
            try (Stream<Path> listing = Files.list(downloads)) {
                return listing.filter(path -> path.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** A PKCS#12 file made by stock OpenSSL, the way an administrator would bring one from elsewhere. */
    private static Path opensslPkcs12(String name, String key, boolean certificateOnly) throws Exception {
        Path keyFile = files.resolve(name + ".key");
        Path certificate = files.resolve(name + ".crt");
        if (key.equals("ec")) {
            openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyFile.toString());
            openssl("req", "-x509", "-new", "-key", keyFile.toString(), "-subj", "/CN=" + name, "-days", "30",
                    "-out", certificate.toString());
        } else {
            openssl("req", "-x509", "-newkey", key, "-nodes", "-keyout", keyFile.toString(), "-subj", "/CN=" + name,
                    "-days", "30", "-out", certificate.toString());
        }
        Path pfx = files.resolve(name + ".pfx");
        if (certificateOnly) {
            openssl("pkcs12", "-export", "-nokeys", "-in", certificate.toString(), "-passout", "pass:" + IMPORT_PASSWORD,
                    "-out", pfx.toString());
        } else {
            openssl("pkcs12", "-export", "-inkey", keyFile.toString(), "-in", certificate.toString(),
                    "-passout", "pass:" + IMPORT_PASSWORD, "-out", pfx.toString());
        }
        return pfx;
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = Stream.concat(Stream.of("openssl"), Stream.of(arguments)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    }
}
