package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.platform.AmsSettings;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CertificateRotation;
import org.ams.crypto.CertificateStateException;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.KeyStorage;
import org.ams.crypto.RotationBatch;
import org.ams.crypto.RotationRunner;
import org.ams.crypto.SecretKind;
import org.ams.crypto.SecretRefusedException;
import org.ams.crypto.SecretVault;
import org.ams.crypto.SoftwareKeyStore;
import org.ams.escrow.DisasterRecoveryExport;
import org.ams.escrow.Escrow;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.it.server.SharedPayaraMicro;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The vault and rotation inside the running server: what is stored can be opened by AMS and, with only the PKCS#12
 * backup, by stock OpenSSL; a rotation over thousands of secrets never leaves one unreadable; and a rotation
 * interrupted by a server restart resumes where it stopped.
 * <p>
 * Shares the server: the secrets other classes stored are counted first ({@link #others}), and since setting a
 * certificate active re-wraps every secret the vault holds, each count below is theirs plus this class's. It stops the
 * server process and starts a new one on the same data directory and database, which is a real restart (the classes
 * after it meet a server that was restarted, as they would in production). Test methods run in order; in-container
 * ones run inside the server, client ones ({@link RunAsClient}) drive it.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretVaultIT {

    private static final String AMS = "ams";
    private static final int ROTATED_SECRETS = 2000;
    private static final String BACKUP_PASSWORD = "Vault-IT-backup-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The secrets the vault held before this class stored any: other classes' on the shared server. */
    private static long others;

    @Inject
    private SecretVault vault;

    @Inject
    private Escrow escrow;

    @Inject
    private EncryptionCertificateService certificates;

    @Inject
    private SoftwareKeyStore softwareKeys;

    @Inject
    private AsAdministrator admin;

    @Inject
    private AuditTrail audit;

    @Inject
    private RotationBatch rotations;

    @Resource(lookup = "java:app/jdbc/ams")
    private DataSource database;

    @Deployment(name = AMS)
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(2)
    @OperateOnDeployment(AMS)
    @DisplayName("The vault keeps only envelopes it can open, addressed to its certificates, holding valid passwords; "
            + "inside the application server the RSA step runs in the native provider")
    void vaultKeepsOnlyWhatItCanOpen() throws Exception {
        assertEquals("AmazonCorrettoCryptoProvider", softwareKeys.rsaProvider().getName(),
                "the native provider loads from the WAR inside Payara on Linux x86-64");
        others = admin.call(() -> vault.countsByCertificate()).values().stream().mapToLong(Long::longValue).sum();
        UUID first = generateBackUpAndActivate("AMS vault IT first", 2048);
        awaitRotationFinished();
        RecoveryPassword sealedByServer = randomPassword();
        RecoveryPassword sealedByAgent = randomPassword();

        UUID serverSide = sealOnServer(sealedByServer);
        byte[] agentEnvelope = new EnvelopeEncryptor().seal(sealedByAgent, certificates.activeCertificate().orElseThrow());
        UUID agentSide = vault.store(agentEnvelope, SecretKind.RECOVERY_PASSWORD);

        assertEquals(sealedByServer, admin.call(() -> vault.openRecoveryPassword(serverSide)));
        assertEquals(sealedByAgent, admin.call(() -> vault.openRecoveryPassword(agentSide)));

        byte[] garbage = new byte[300];
        RANDOM.nextBytes(garbage);
        assertRefused(garbage, "The envelope was refused");
        assertRefused(new byte[SecretVault.MAX_ENVELOPE_BYTES + 1], "at most");
        var foreign = EncryptionCertificates.generate("Somebody else", 2048, Duration.ofDays(1));
        assertRefused(new EnvelopeEncryptor().seal(sealedByAgent, foreign.certificate()), "not an encryption certificate of this server");
        byte[] notAPassword = new EnvelopeEncryptor().encrypt("123456-hello".getBytes(StandardCharsets.US_ASCII),
                certificates.activeCertificate().orElseThrow());
        SecretRefusedException thrown = assertRefused(notAPassword, "does not hold a valid recovery password");
        assertFalse(thrown.getMessage().contains("hello"), "the content is never echoed");
        assertEquals(others + 2, admin.call(() -> vault.countSealedTo(first)), "refused envelopes were not stored");

        CertificateStateException activeDelete = assertThrows(CertificateStateException.class,
                () -> admin.call(() -> {
                    certificates.delete(first);
                    return null;
                }));
        assertTrue(activeDelete.getMessage().contains("active certificate"), activeDelete.getMessage());
        assertTrue(actions().containsAll(List.of("certificate.generated", "certificate.exported", "certificate.activated")),
                actions().toString());
    }

    @Test
    @Order(3)
    @OperateOnDeployment(AMS)
    @DisplayName("openssl opens a secret stored by AMS with only the exported PKCS#12 backup and the envelope export")
    void opensslDecryptsWithTheBackupAlone() throws Exception {
        UUID active = activeId();
        byte[] backup = admin.call(() -> certificates.exportPkcs12(active, BACKUP_PASSWORD.toCharArray()));
        RecoveryPassword password = randomPassword();
        UUID id = sealOnServer(password);

        assertThrows(EJBAccessException.class, () -> escrow.exportForDisasterRecovery(),
                "the export is the administrator's");
        DisasterRecoveryExport download = admin.call(escrow::exportForDisasterRecovery);
        String export = new String(download.content(), StandardCharsets.UTF_8);

        assertTrue(download.fileName().matches("ams-sealed-secrets-\\d{4}-\\d{2}-\\d{2}\\.jsonl"),
                download.fileName());
        assertFalse(export.contains(password.formatted()), "the export holds no plaintext");
        JsonObject line = export.lines().map(text -> Json.createReader(new StringReader(text)).readObject())
                .filter(json -> json.getString("id").equals(id.toString())).findFirst().orElseThrow();
        assertEquals("RECOVERY_PASSWORD", line.getString("kind"));
        assertEquals(admin.call(() -> certificates.find(active)).orElseThrow().getThumbprint(), line.getString("certificateThumbprint"));

        Path work = Files.createTempDirectory("disaster-recovery-");
        Files.write(work.resolve("backup.pfx"), backup);
        Files.writeString(work.resolve("pass.txt"), BACKUP_PASSWORD);
        Files.write(work.resolve("envelope.der"), Base64.getDecoder().decode(line.getString("envelope")));
        try {
            openssl(work, "pkcs12", "-in", "backup.pfx", "-nodes", "-passin", "file:pass.txt", "-out", "key.pem");
            openssl(work, "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der", "-inkey", "key.pem",
                    "-recip", "key.pem", "-out", "secret.txt");

            assertArrayEquals(password.toAsciiBytes(), Files.readAllBytes(work.resolve("secret.txt")),
                    "openssl recovered the recovery password AMS sealed");
        } finally {
            for (String file : List.of("key.pem", "secret.txt", "pass.txt", "backup.pfx", "envelope.der")) {
                Files.deleteIfExists(work.resolve(file));
            }
            Files.deleteIfExists(work);
        }
    }

    @Test
    @Order(4)
    @OperateOnDeployment(AMS)
    @DisplayName("Setting a new certificate active re-wraps thousands of secrets with none unreadable at any moment")
    void rotationLeavesNoSecretUnreadable() throws Exception {
        UUID old = activeId();
        Map<UUID, RecoveryPassword> expected = new LinkedHashMap<>();
        for (int i = 0; i < ROTATED_SECRETS; i++) {
            RecoveryPassword password = randomPassword();
            expected.put(sealOnServer(password), password);
        }
        // 2048 bits: the rotation, not the key size, is the point here; a rotation to a 4096-bit key (the console's
        // default) is PasswordSettingsIT's, and every secret opened with a 4096-bit key costs about eight times more.
        UUID next = generateBackUp("AMS vault IT second", 2048);
        // A pause between batches keeps both certificates in use for at least 40 pauses (2,000 secrets, 50 a batch),
        // however fast the machine re-wraps: the reads below always meet the rotation half done. 100 ms each is four
        // seconds at the least, many rounds of reads; a longer pause only makes the test wait.
        Path settingsFile = AmsSettings.current().dataDirectory().resolve(AmsSettings.SETTINGS_FILE);
        Files.writeString(settingsFile, RotationRunner.PAUSE_SETTING + "=100\n");

        admin.call(() -> {
            certificates.activate(next);
            return null;
        });

        CertificateStateException retireEarly = assertThrows(CertificateStateException.class, () -> admin.call(() -> {
            certificates.retire(old);
            return null;
        }));
        assertTrue(retireEarly.getMessage().contains("are sealed to it"), retireEarly.getMessage());
        List<UUID> ids = new ArrayList<>(expected.keySet());
        int readsWhileRunning = 0;
        boolean sawBothCertificatesInUse = false;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (rotationRunning()) {
            assertTrue(Instant.now().isBefore(deadline), "the rotation did not finish in time");
            sawBothCertificatesInUse |= admin.call(() -> vault.countSealedTo(old)) > 0
                    && admin.call(() -> vault.countSealedTo(next)) > 0;
            Collections.shuffle(ids, RANDOM);
            for (UUID id : ids.subList(0, 40)) {
                assertEquals(expected.get(id), admin.call(() -> vault.openRecoveryPassword(id)),
                        "secret " + id + " during the rotation");
                readsWhileRunning++;
            }
        }

        Files.delete(settingsFile);
        assertTrue(readsWhileRunning > 0 && sawBothCertificatesInUse, "secrets were read while the rotation was half done");
        for (Map.Entry<UUID, RecoveryPassword> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), admin.call(() -> vault.openRecoveryPassword(entry.getKey())));
        }
        assertEquals(0, admin.call(() -> vault.countSealedTo(old)));
        assertEquals(others + ROTATED_SECRETS + 3, admin.call(() -> vault.countSealedTo(next)));
        CertificateRotation rotation = admin.call(() -> certificates.latestRotation()).orElseThrow();
        assertEquals(CertificateRotation.State.FINISHED, rotation.getState());
        assertEquals(others + ROTATED_SECRETS + 3, rotation.getRewrapped());
        admin.call(() -> {
            certificates.retire(old);
            return null;
        });
        assertTrue(actions().containsAll(List.of("rotation.started", "rotation.finished", "certificate.retired")));
        rememberDigests(expected);
        Files.writeString(othersFile(), Long.toString(others));
    }

    @Test
    @Order(5)
    @OperateOnDeployment(AMS)
    @DisplayName("A rotation is started and the server is then stopped while it runs")
    void startRotationBeforeRestart() throws Exception {
        UUID third = generateBackUp("AMS vault IT third", 2048);
        // Native RSA re-wraps a few thousand secrets in seconds. The longest pause between batches an administrator
        // may set (for sparing a shared HSM or database) holds the rotation after its first batch until the server is
        // stopped, however fast the machine: the restart always interrupts it.
        Files.writeString(AmsSettings.current().dataDirectory().resolve(AmsSettings.SETTINGS_FILE),
                RotationRunner.PAUSE_SETTING + "=60000\n");

        admin.call(() -> {
            certificates.activate(third);
            return null;
        });

        assertTrue(rotationRunning());
        CertificateRotation running = admin.call(() -> certificates.latestRotation()).orElseThrow();
        UUID id = running.getId();
        Duration lease = RotationBatch.lease(0);
        // Several servers on one database: the activating server's worker holds the rotation's claim.
        assertTrue(rotations.claim(id, lease).isEmpty(), "no other server may claim a rotation a worker holds");
        assertFalse(rotations.unclaimed().contains(id));
        assertEquals(RotationBatch.Step.TAKEN_OVER, rotations.rewrapNext(id, UUID.randomUUID().toString(), lease, 50),
                "a server without the claim re-encrypts nothing");
        assertEquals(running.getRewrapped(), admin.call(() -> certificates.latestRotation()).orElseThrow()
                .getRewrapped());

        // A server that died leaves its lease to run out; then another server takes the rotation over, one at a time.
        String held = claimToken(id);
        assertTrue(held != null && !held.isEmpty(), "the activation claimed the rotation for this server's worker");
        setClaimRow(id, held, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
        assertTrue(rotations.unclaimed().contains(id), "a lease that ran out is free");
        assertTrue(rotations.claim(id, lease).isPresent(), "another server takes over a lease that ran out");
        assertTrue(rotations.claim(id, lease).isEmpty(), "one claim at a time");
        AuditEvent takenOver = admin.call(() -> audit.latest(20)).stream()
                .filter(event -> event.getAction().equals("rotation.resumed")).findFirst().orElseThrow();
        // Left free: the restarted server below resumes the rotation at once instead of waiting out a lease (ClusterIT
        // waits one out). This server's worker, held in its pause, would find its claim gone at its next batch.
        setClaimRow(id, null, null);
        assertTrue(rotations.unclaimed().contains(id));
        Files.writeString(claimFile(), Long.toString(takenOver.getSequence()));
    }

    @Test
    @Order(6)
    @RunAsClient
    void restartServerMidRotation() throws IOException {
        SharedPayaraMicro.stopServer();
        Files.delete(TestEnvironment.dataDirectory().resolve(AmsSettings.SETTINGS_FILE));
        SharedPayaraMicro.startServer();
    }

    @Test
    @Order(7)
    @OperateOnDeployment(AMS)
    @DisplayName("After the restart the rotation resumes from its saved progress and finishes; every secret still opens")
    void rotationResumesAfterRestart() throws Exception {
        others = Long.parseLong(Files.readString(othersFile()));
        long resumedBefore = Long.parseLong(Files.readString(claimFile()).trim());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (rotationRunning() || resumedAfter(resumedBefore).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the rotation did not resume and finish in time");
            TimeUnit.MILLISECONDS.sleep(200);
        }

        AuditEvent resumed = resumedAfter(resumedBefore).orElseThrow();
        int alreadyDone = Integer.parseInt(resumed.getDetails().split(" ")[0]);
        assertTrue(alreadyDone < others + ROTATED_SECRETS + 3,
                "the restart interrupted the rotation: " + resumed.getDetails());
        UUID third = activeId();
        assertEquals(others + ROTATED_SECRETS + 3, admin.call(() -> vault.countSealedTo(third)),
                "every secret is sealed to the new certificate");
        Map<UUID, String> digests = rememberedDigests();
        assertEquals(ROTATED_SECRETS, digests.size());
        for (Map.Entry<UUID, String> entry : digests.entrySet()) {
            assertEquals(entry.getValue(), digest(admin.call(() -> vault.openRecoveryPassword(entry.getKey()))),
                    "secret " + entry.getKey());
        }
        assertEquals(CertificateRotation.State.FINISHED,
                admin.call(() -> certificates.latestRotation()).orElseThrow().getState());
    }

    private UUID generateBackUpAndActivate(String name, int bits) throws Exception {
        UUID id = generateBackUp(name, bits);
        admin.call(() -> {
            certificates.activate(id);
            return null;
        });
        return id;
    }

    private UUID generateBackUp(String name, int bits) throws Exception {
        CertificateOverview generated = admin.call(() -> certificates.generate(name, bits, 1, KeyStorage.SOFTWARE));
        admin.call(() -> certificates.exportPkcs12(generated.getId(), BACKUP_PASSWORD.toCharArray()));
        return generated.getId();
    }

    private UUID activeId() throws Exception {
        return admin.call(() -> certificates.overview()).stream().filter(CertificateOverview::isActive)
                .findFirst().orElseThrow().getId();
    }

    /** Setting a certificate active on a vault that holds other classes' secrets starts a rotation: waits for its end. */
    private void awaitRotationFinished() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (rotationRunning()) {
            assertTrue(Instant.now().isBefore(deadline), "the rotation did not finish in time");
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private boolean rotationRunning() throws Exception {
        return admin.call(() -> certificates.latestRotation()).map(CertificateRotation::isRunning).orElse(false);
    }

    private List<String> actions() throws Exception {
        return admin.call(() -> audit.latest(500)).stream().map(AuditEvent::getAction).toList();
    }

    private SecretRefusedException assertRefused(byte[] envelope, String expected) {
        SecretRefusedException thrown = assertThrows(SecretRefusedException.class,
                () -> vault.store(envelope, SecretKind.RECOVERY_PASSWORD));
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
        return thrown;
    }

    private static RecoveryPassword randomPassword() {
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        RANDOM.nextBytes(key);
        return RecoveryPassword.fromKeyBytes(key);
    }

    /** Seals on the server, to the active certificate, as the key import does. */
    private UUID sealOnServer(RecoveryPassword password) throws Exception {
        return admin.call(() -> vault.seal(password, vault.activeCertificate().orElseThrow()));
    }

    /** Survives the restart in the server's temporary directory: digests only, never the passwords themselves. */
    private static Path digestFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "secret-vault-it-digests.properties");
    }

    /** The takeover's audit record before the restart, kept for the server process after it. */
    private static Path claimFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "secret-vault-it-claim.txt");
    }

    private Optional<AuditEvent> resumedAfter(long sequence) throws Exception {
        return admin.call(() -> audit.latest(200)).stream()
                .filter(event -> event.getAction().equals("rotation.resumed") && event.getSequence() > sequence)
                .findFirst();
    }

    /** The token of the rotation's claim as stored. */
    private String claimToken(UUID rotation) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement read = connection.prepareStatement(
                     "SELECT claim_token FROM certificate_rotation WHERE id = ?")) {
            read.setObject(1, rotation);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    /** Writes the claim (or none) as another server's would be, with plain SQL. */
    private void setClaimRow(UUID rotation, String token, OffsetDateTime until) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement write = connection.prepareStatement(
                     "UPDATE certificate_rotation SET claim_token = ?, claimed_until = ? WHERE id = ?")) {
            if (token == null) {
                write.setNull(1, Types.VARCHAR);
            } else {
                write.setString(1, token);
            }
            if (until == null) {
                write.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                write.setObject(2, until);
            }
            write.setObject(3, rotation);
            assertEquals(1, write.executeUpdate());
        }
    }

    /** {@link #others}, kept for the server process after the restart. */
    private static Path othersFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "secret-vault-it-others.txt");
    }

    private static void rememberDigests(Map<UUID, RecoveryPassword> expected) throws IOException {
        Properties digests = new Properties();
        expected.forEach((id, password) -> digests.setProperty(id.toString(), digest(password)));
        try (var out = Files.newOutputStream(digestFile())) {
            digests.store(out, null);
        }
    }

    private static Map<UUID, String> rememberedDigests() throws IOException {
        Properties digests = new Properties();
        try (var in = Files.newInputStream(digestFile())) {
            digests.load(in);
        }
        Map<UUID, String> result = new LinkedHashMap<>();
        digests.forEach((id, value) -> result.put(UUID.fromString((String) id), (String) value));
        return result;
    }

    /** A recovery password's SHA-256, for comparing what the vault opens with what was stored, without keeping it. */
    static String digest(RecoveryPassword password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.toAsciiBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(directory.resolve("stderr.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl " + arguments[0] + " did not finish");
        String stderr = Files.readString(directory.resolve("stderr.txt"));
        Files.delete(directory.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), "openssl " + String.join(" ", arguments) + ": " + stderr);
    }
}
