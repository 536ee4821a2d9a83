package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.ams.agents.CheckInReport;
import org.ams.agents.CheckIns;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.dashboard.Dashboard;
import org.ams.dashboard.EscrowHealth;
import org.ams.dashboard.FailedRotation;
import org.ams.dashboard.WaitingRotation;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.ReportedFacts;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowVerification;
import org.ams.escrow.KeyState;
import org.ams.escrow.OverdueRotations;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.RotationReport;
import org.ams.escrow.Rotations;
import org.ams.escrow.VerificationOutcome;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.channel.WebhookPreset;
import org.ams.notify.channel.WebhookSettings;
import org.ams.platform.ServerInstance;
import org.ams.protocol.ProtectorId;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Escrow verification and the Dashboard's rotation figures inside the running server: a check-in confirms the keys
 * its agent reported; the verification opens every escrowed key's sealed secret, finds one made unreadable on
 * purpose (its envelope overwritten behind the product's back: nothing in the product can damage one) and reports it
 * per key, in the count and in the audit log, and clears it once the envelope is whole again; a certificate rotation
 * is followed by a verification of its own; the Dashboard lists the rotations waiting for their device and the
 * failed ones; a channel that takes system alerts is told about the unreadable secret and, once, about a rotation
 * that waited too long.
 * <p>
 * Shares the server: each test registers devices of its own in a tenant of its own, compares counts with those it
 * read first, and gives back the envelope it damaged, so that the classes after it find every secret readable.
 */
@ExtendWith(ArquillianExtension.class)
class EscrowVerificationIT {

    private static final String RECOVERY_PASSWORD = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String SECOND_PROTECTOR = "{0B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9}";
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Inject
    private AsAdministrator admin;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private DeviceDirectory directory;
    @Inject
    private Escrow escrow;
    @Inject
    private Rotations rotations;
    @Inject
    private CheckIns checkIns;
    @Inject
    private EscrowVerification verification;
    @Inject
    private Dashboard dashboard;
    @Inject
    private AuditLog auditLog;
    @Inject
    private EncryptionCertificateService certificates;
    @Inject
    private NotificationChannels channels;
    @Inject
    private OverdueRotations overdue;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/ams")
    private DataSource database;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @DisplayName("A check-in confirms each reported key on the device, and an immediate second one writes nothing")
    void checkInConfirmsKeys() throws Exception {
        Device device = fixture.register(tenant("confirm"), "ESCROW-CONFIRM");
        escrowKey(device, SECOND_PROTECTOR);
        assertNull(currentKey(device, SECOND_PROTECTOR).getConfirmedAt(), "an upload is no confirmation");

        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        checkIn(device, List.of(SECOND_PROTECTOR, "{11111111-2222-4333-8444-555555555555}"), List.of());
        OffsetDateTime confirmed = currentKey(device, SECOND_PROTECTOR).getConfirmedAt();
        checkIn(device, List.of(SECOND_PROTECTOR), List.of());

        assertNotNull(confirmed);
        assertTrue(confirmed.isAfter(before), confirmed + " after " + before);
        assertEquals(confirmed.toInstant(), currentKey(device, SECOND_PROTECTOR).getConfirmedAt().toInstant(),
                "within half the check-in interval the confirmation is not written again");
        assertEquals(KeyState.CURRENT, currentKey(device, SECOND_PROTECTOR).getState());
    }

    @Test
    @DisplayName("Confirming and verifying a key leave its version alone, so a supersede that read it a moment before still commits")
    void bulkWritesKeepTheKeysVersion() throws Exception {
        Device device = fixture.register(tenant("version"), "ESCROW-VERSION");
        escrowKey(device, SECOND_PROTECTOR);
        RecoveryKey key = currentKey(device, SECOND_PROTECTOR);
        long before = version(key.getId());

        OffsetDateTime beforeRun = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        checkIn(device, List.of(SECOND_PROTECTOR), List.of());
        verifyNow();

        RecoveryKey written = currentKey(device, SECOND_PROTECTOR);
        assertNotNull(written.getConfirmedAt(), "the check-in confirmed the key");
        assertTrue(verifiedAfter(device, beforeRun), "the verification opened the key");
        assertEquals(before, version(key.getId()), "a check-in or verification running beside a supersede or a "
                + "rotation of the same key (which read its version) must not make that one fail");
        // What the version guards still works: the key leaves the device, and the next check-in supersedes it.
        checkIn(device, List.of(), List.of());
        assertEquals(KeyState.SUPERSEDED, admin.call(() -> escrow.keysOf(device.getId())).stream()
                .filter(k -> k.getId().equals(key.getId())).findFirst().orElseThrow().getState());
        assertEquals(before + 1, version(key.getId()), "a supersede writes the key through the entity");
    }

    @Test
    @DisplayName("A rotation is followed by a verification; a damaged envelope is reported per key, counted and audited, and cleared once whole")
    void verificationFindsAnUnreadableSecret() throws Exception {
        Tenant tenant = tenant("verify");
        Device good = fixture.register(tenant, "ESCROW-GOOD");
        Device damaged = fixture.register(tenant, "ESCROW-DAMAGED");
        escrowKey(good, SECOND_PROTECTOR);
        escrowKey(damaged, SECOND_PROTECTOR);
        waitUntil(() -> runningRotations() == 0, "no rotation is under way");
        OffsetDateTime activated = OffsetDateTime.now(ZoneOffset.UTC);
        // Every secret is re-wrapped to the new certificate; the rotation's end starts a verification by itself.
        fixture.activateNewCertificate("AMS escrow verification " + UUID.randomUUID(), "Escrow-Verify-backup-1");
        waitUntil(() -> verifiedAfter(good, activated), "the verification after the rotation opened the key");
        waitUntil(() -> runningRotations() == 0, "the rotation has finished");
        long unreadableBefore = health().unreadableSecrets();
        RecoveryKey damagedKey = currentKey(damaged, SECOND_PROTECTOR);
        byte[] whole = envelope(damagedKey.getSecretId());
        byte[] broken = whole.clone();
        for (int i = broken.length - 32; i < broken.length; i++) {
            broken[i] ^= (byte) 0x5A;
        }
        long auditBefore = latestFailure().map(AuditEvent::getSequence).orElse(0L);
        UUID alertChannel = alertChannel("unreadable");

        try {
            overwriteEnvelope(damagedKey.getSecretId(), broken);
            OffsetDateTime beforeRun = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
            VerificationOutcome found = verifyNow();

            assertTrue(found.checked() >= 2, found.toString());
            assertEquals(unreadableBefore + 1, found.unreadable(), found.toString());
            RecoveryKey unreadable = currentKey(damaged, SECOND_PROTECTOR);
            assertNotNull(unreadable.getUnreadableSince());
            assertFalse(unreadable.getUnreadableReason().isBlank());
            assertNull(currentKey(good, SECOND_PROTECTOR).getUnreadableSince());
            assertTrue(verifiedAfter(good, beforeRun), "the good key opened in this run");
            EscrowHealth health = health();
            assertEquals(unreadableBefore + 1, health.unreadableSecrets());
            assertEquals(found.finishedAt().toInstant(), health.lastVerifiedAt().toInstant());
            AuditEvent record = latestFailure().orElseThrow(() -> new AssertionError("no " + EscrowVerification.FAILED));
            assertTrue(record.getSequence() > auditBefore, "a record of this run");
            assertTrue(record.getDetails().contains(SECOND_PROTECTOR + " of " + damaged.getName()),
                    record.getDetails());
            assertFalse(record.getDetails().contains(RECOVERY_PASSWORD.substring(0, 6)), "never a secret");
            List<JsonObject> alerts = alertsTo(alertChannel);
            assertEquals(1, alerts.size(), "one alert for the run: " + alerts);
            JsonObject alert = alerts.get(0);
            assertEquals("unreadable-secrets", alert.getString("event"));
            assertEquals("UnreadableSecrets", alert.getString("result"));
            assertTrue(alert.getString("summary").contains((unreadableBefore + 1) + " stored recovery password"),
                    alert.toString());
            assertTrue(alert.getString("computer").contains(damaged.getName()), alert.toString());
            assertFalse(alert.toString().contains(RECOVERY_PASSWORD.substring(0, 6)), "never a secret");
        } finally {
            overwriteEnvelope(damagedKey.getSecretId(), whole);
            admin.call(() -> {
                channels.delete(alertChannel);
                return null;
            });
        }

        VerificationOutcome whole2 = verifyNow();

        assertEquals(unreadableBefore, whole2.unreadable(), whole2.toString());
        RecoveryKey readable = currentKey(damaged, SECOND_PROTECTOR);
        assertNull(readable.getUnreadableSince());
        assertNull(readable.getUnreadableReason());
        assertNotNull(readable.getLastVerifiedAt());
    }

    @Test
    @DisplayName("The Dashboard lists rotations waiting for their device oldest first, and failed ones with the agent's step and reason")
    void dashboardShowsWaitingAndFailedRotations() throws Exception {
        Tenant tenant = tenant("rotations");
        Device waiting = fixture.register(tenant, "ESCROW-ROTATION-WAITING");
        Device failing = fixture.register(tenant, "ESCROW-ROTATION-FAILED");
        escrowKey(waiting, SECOND_PROTECTOR);
        escrowKey(failing, SECOND_PROTECTOR);
        EscrowHealth before = health();
        String reason = "Add-BitLockerKeyProtector: The drive cannot be encrypted because it contains system "
                + "boot information (0x8031004A). Group Policy forbids recovery passwords on fixed data drives in "
                + "this OU; ask the desktop team to allow them, then press Rotate now again.";

        admin.call(() -> rotations.rotateKey(currentKey(waiting, SECOND_PROTECTOR).getId()));
        admin.call(() -> rotations.rotateKey(currentKey(failing, SECOND_PROTECTOR).getId()));
        checkIn(failing, List.of(SECOND_PROTECTOR), List.of(new RotationReport(ProtectorId.parse(SECOND_PROTECTOR),
                null, false, "ADD", reason, OffsetDateTime.now(ZoneOffset.UTC))));
        EscrowHealth after = health();

        assertEquals(before.waiting() + 1, after.waiting(), "one waits; the failed one is closed");
        assertEquals(before.failed() + 1, after.failed());
        FailedRotation failed = after.latestFailures().get(0);
        assertEquals(failing.getName(), failed.deviceName());
        assertEquals(SECOND_PROTECTOR, failed.protectorId());
        assertEquals("ADD", failed.step());
        assertEquals(reason, failed.reason());
        List<WaitingRotation> oldest = after.oldestWaiting();
        assertEquals(oldest.stream().sorted(Comparator.comparing(WaitingRotation::requestedAt)).toList(), oldest,
                "oldest first");
        assertTrue(oldest.size() <= Dashboard.ROTATIONS_LISTED);
        if (after.waiting() <= Dashboard.ROTATIONS_LISTED) {
            assertTrue(oldest.stream().anyMatch(rotation -> rotation.deviceName().equals(waiting.getName())
                    && rotation.cause().equals("ADMINISTRATOR")), oldest.toString());
        }
    }

    @Test
    @DisplayName("A rotation that waited longer than the configured hours is announced to the system-alert channels, once")
    void overdueRotationAnnouncedOnce() throws Exception {
        Device device = fixture.register(tenant("overdue"), "ESCROW-ROTATION-OVERDUE");
        escrowKey(device, SECOND_PROTECTOR);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime pastTheWait = now.plusHours(OverdueRotations.alertAfterHours()).plusMinutes(5);
        // Rotations other classes left open are announced first (to no channel), so what follows is this test's own.
        overdue.announce(pastTheWait);
        UUID alertChannel = alertChannel("overdue");
        try {
            admin.call(() -> rotations.rotateKey(currentKey(device, SECOND_PROTECTOR).getId()));

            assertEquals(0, overdue.announce(now.plusMinutes(5)), "not overdue within the configured hours");
            long versionBefore = rotationVersion(device);
            assertEquals(1, overdue.announce(pastTheWait.plusMinutes(1)), "this test's rotation, overdue");
            assertEquals(versionBefore, rotationVersion(device), "announcing leaves the rotation's version alone, "
                    + "so a check-in closing it at the same moment still commits");
            assertEquals(0, overdue.announce(pastTheWait.plusMinutes(2)), "announced once");

            List<JsonObject> alerts = alertsTo(alertChannel);
            assertEquals(1, alerts.size(), alerts.toString());
            JsonObject alert = alerts.get(0);
            assertEquals("rotation-overdue", alert.getString("event"));
            assertEquals("RotationOverdue", alert.getString("result"));
            assertEquals(device.getName(), alert.getString("computer"));
            assertTrue(alert.getString("summary").startsWith("1 recovery password rotation(s) have waited more than "
                    + OverdueRotations.alertAfterHours() + " hour(s)"), alert.toString());
            assertTrue(alert.getString("requestId").startsWith("alert-"), alert.toString());
        } finally {
            admin.call(() -> {
                channels.delete(alertChannel);
                return null;
            });
        }
    }

    /**
     * A webhook channel that takes system alerts and nothing else, to a port nothing listens on: its messages stay in
     * the outbox, where the test reads them.
     */
    private UUID alertChannel(String purpose) throws Exception {
        return admin.call(() -> channels.create(ChannelDefinition.webhook("System alerts IT " + purpose + " "
                + UUID.randomUUID(), true, false, false, new WebhookSettings("http://127.0.0.1:9/ams-alerts",
                WebhookMethod.POST, WebhookPreset.GENERIC_JSON.bodyTemplate())).withSystemAlerts(true), null, ""))
                .getId();
    }

    /** The messages queued for the channel, as their template variables. */
    private List<JsonObject> alertsTo(UUID channelId) throws Exception {
        List<JsonObject> alerts = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement(
                     "SELECT payload FROM notification_outbox WHERE channel_id = ? ORDER BY created_at")) {
            sql.setObject(1, channelId);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    alerts.add(Json.createReader(new StringReader(rows.getString(1))).readObject());
                }
            }
        }
        return alerts;
    }

    private boolean verifiedAfter(Device device, OffsetDateTime time) throws Exception {
        OffsetDateTime verified = currentKey(device, SECOND_PROTECTOR).getLastVerifiedAt();
        return verified != null && verified.isAfter(time);
    }

    private Tenant tenant(String purpose) throws Exception {
        return admin.call(() -> directory.createTenant("Escrow verification IT " + purpose + " " + UUID.randomUUID()));
    }

    /** A key sealed to the active certificate; a first certificate is made when the server has none yet. */
    private void escrowKey(Device device, String protectorId) throws Exception {
        if (certificates.activeCertificate().isEmpty()) {
            fixture.escrowOneKey(device, "AMS escrow verification " + UUID.randomUUID(), "Escrow-Verify-backup-1");
        }
        fixture.escrowKeyToActiveCertificate(device, protectorId, RECOVERY_PASSWORD);
    }

    private RecoveryKey currentKey(Device device, String protectorId) throws Exception {
        return admin.call(() -> escrow.keysOf(device.getId())).stream()
                .filter(key -> key.getProtectorId().equals(protectorId) && key.getState() == KeyState.CURRENT)
                .findFirst().orElseThrow(() -> new AssertionError("no current key " + protectorId));
    }

    /** A check-in as the agent API makes it: the device's row read and changed in the check-in's transaction. */
    private void checkIn(Device device, List<String> present, List<RotationReport> results) throws Exception {
        transaction.begin();
        try {
            Device managed = admin.call(() -> directory.get(device.getId()));
            checkIns.checkIn(managed, new CheckInReport(new ReportedFacts(device.getName(), null, "Windows 11",
                    "10.0.22631", "it"), present.stream().map(ProtectorId::parse).toList(), results));
            transaction.commit();
        } catch (Exception | AssertionError e) {
            transaction.rollback();
            throw e;
        }
    }

    private EscrowHealth health() throws Exception {
        return admin.call(() -> dashboard.snapshot(Dashboard.DEFAULT_STALE_DAYS)).escrowHealth();
    }

    @Test
    @DisplayName("A verification claim left by an earlier process of this server (it stopped or died mid-run) is taken "
            + "back at once; another server's claim is waited out")
    void claimOfAnEarlierProcessIsTakenBack() throws Exception {
        verifyNow();
        String otherServer = UUID.randomUUID() + "/" + UUID.randomUUID();
        String earlierProcess = ServerInstance.processesOfThisServer().replace("%", UUID.randomUUID().toString());
        try {
            claimVerification(otherServer);
            assertFalse(admin.call(verification::verifyNow).ran(), "another server's unexpired claim is respected");

            claimVerification(earlierProcess);
            VerificationOutcome taken = admin.call(verification::verifyNow);
            assertTrue(taken.ran(), "the claim of this server's earlier process is taken back");
            assertTrue(taken.checked() > 0);
        } finally {
            claimVerification(null);
        }
    }

    /** Behind the product's back: a claim as a server process leaves it, for ten minutes ({@code null}: none). */
    private void claimVerification(String holder) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement("UPDATE escrow_verification SET claim_token = ?, "
                     + "claimed_until = ?, claimed_by = ? WHERE id = 1")) {
            sql.setString(1, holder == null ? null : UUID.randomUUID().toString());
            sql.setObject(2, holder == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10));
            sql.setString(3, holder);
            assertEquals(1, sql.executeUpdate());
        }
    }

    /** Verify now; a run another trigger started first (the end of a rotation, the schedule) is waited for. */
    private VerificationOutcome verifyNow() throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            VerificationOutcome outcome = admin.call(verification::verifyNow);
            if (outcome.ran()) {
                return outcome;
            }
            assertTrue(System.nanoTime() < deadline, "a verification under way did not end within " + PATIENCE);
            Thread.sleep(250);
        }
    }

    private java.util.Optional<AuditEvent> latestFailure() throws Exception {
        return admin.call(() -> auditLog.search(new AuditFilter(null, null, null, "escrowed recovery passwords",
                null), 0, 20)).stream().filter(event -> event.getAction().equals(EscrowVerification.FAILED))
                .findFirst();
    }

    private void waitUntil(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, "not within " + PATIENCE + ": " + what);
            Thread.sleep(250);
        }
    }

    private long runningRotations() throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement(
                     "SELECT COUNT(*) FROM certificate_rotation WHERE state = 'RUNNING'");
             ResultSet rows = sql.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long rotationVersion(Device device) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement("SELECT version FROM key_rotation "
                     + "WHERE device_id = ?")) {
            sql.setObject(1, device.getId());
            try (ResultSet rows = sql.executeQuery()) {
                assertTrue(rows.next());
                long version = rows.getLong(1);
                assertFalse(rows.next(), "one rotation of the device");
                return version;
            }
        }
    }

    private long version(UUID keyId) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement("SELECT version FROM recovery_key WHERE id = ?")) {
            sql.setObject(1, keyId);
            try (ResultSet rows = sql.executeQuery()) {
                assertTrue(rows.next());
                return rows.getLong(1);
            }
        }
    }

    private byte[] envelope(UUID secretId) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement("SELECT envelope FROM sealed_secret WHERE id = ?")) {
            sql.setObject(1, secretId);
            try (ResultSet rows = sql.executeQuery()) {
                assertTrue(rows.next());
                return rows.getBytes(1);
            }
        }
    }

    /** Behind the product's back; the version moves on, so a rotation batch holding the old row would not write it. */
    private void overwriteEnvelope(UUID secretId, byte[] envelope) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement(
                     "UPDATE sealed_secret SET envelope = ?, version = version + 1 WHERE id = ?")) {
            sql.setBytes(1, envelope);
            sql.setObject(2, secretId);
            assertEquals(1, sql.executeUpdate());
        }
    }
}
