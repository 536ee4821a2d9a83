package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.ams.access.AccessRequests;
import org.ams.agents.AgentSupport;
import org.ams.agents.CheckInReport;
import org.ams.agents.CheckIns;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.KeyStorage;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.ReportedFacts;
import org.ams.devices.TargetKind;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowedVolume;
import org.ams.escrow.KeyState;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.RotationException;
import org.ams.escrow.RotationNotRequestedException;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.Rotations;
import org.ams.identity.local.LocalGroup;
import org.ams.policy.AgentPolicies;
import org.ams.policy.KeyRotationPolicy;
import org.ams.policy.Platform;
import org.ams.policy.Policy;
import org.ams.policy.PolicyDraft;
import org.ams.policy.PolicyTarget;
import org.ams.protocol.MountPoint;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.VolumeId;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.jboss.arquillian.container.test.api.Deployment;
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
 * A recovery password's life after escrow, end to end with the real agent jar (each device's volumes file is its
 * simulated BitLocker): a helpdesk user is shown a computer's passwords in the browser; the device's next check-in
 * replaces them (new protector added, escrowed, then the old one deleted); AMS holds both, the old as history
 * replaced by the new; the helpdesk page shows the new ones and names the replacement; the audit log has the showing,
 * the request and the rotation. Then an administrator's Rotate now and the two incident actions (every key shown to
 * a user, every key of a device group), a policy that does not rotate shown passwords, and replacements the server
 * did not ask for.
 * <p>
 * In-container methods set up and read the server through its services; client methods ({@link RunAsClient}) drive
 * the browser and the agents through {@link KeyRotationClient}, since this class is loaded inside the server too.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {

    private static final String USER = "rota";
    private static final String PASSWORD = "Rota-Helpdesk-2026";
    private static final String TEAM = "Rotation desk";
    private static final String TENANT = "Rotation IT";
    /** Its devices' policy does not replace shown recovery passwords. */
    private static final String KEEPING_TENANT = "Rotation IT keeps";
    private static final String GROUP = "Rotation incident";
    private static final String KEEPING_POLICY = "Keep shown passwords";
    /** Shown, then rotated by the default policy. */
    private static final String SHOWN = "ROT-PC-1";
    /** Rotated by an administrator's Rotate now. */
    private static final String ROTATED_NOW = "ROT-PC-2";
    /** Rotated as a member of a device group. */
    private static final String IN_GROUP = "ROT-PC-3";
    /** Shown under a policy that keeps shown passwords; rotated as "every key shown to the user". */
    private static final String KEPT = "ROT-PC-4";
    private static final String REASON = "Ticket 9001: locked out after a BIOS update";
    /** A protector a device reports that AMS never received. */
    private static final String UNESCROWED = "{0F1E2D3C-4B5A-4697-8877-665544332211}";
    /** Devices whose agent is stopped at each point of a rotation (one OS volume each), by where it stopped. */
    private static final Map<String, String> STOPPED = stopped();

    @Inject
    private AsAdministrator admin;

    @Inject
    private HelpdeskTeam helpdeskTeam;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AgentPolicies policies;

    @Inject
    private AgentSupport agentSupport;

    @Inject
    private EncryptionCertificateService certificates;

    @Inject
    private Escrow escrow;

    @Inject
    private Rotations rotations;

    @Inject
    private CheckIns checkIns;

    @Inject
    private AuditTrail audit;

    @Resource(lookup = "java:app/jdbc/ams")
    private DataSource database;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a helpdesk account, two tenants (one whose policy keeps shown passwords), an active certificate")
    void setUp() throws Exception {
        as(() -> {
            LocalGroup team = helpdeskTeam.create(USER, "Rota Helpdesk", PASSWORD, TEAM, "Rotation tests");
            Tenant tenant = directory.createTenant(TENANT);
            Tenant keeping = directory.createTenant(KEEPING_TENANT);
            directory.createGroup(tenant.getId(), GROUP, "Devices of an incident");
            for (Tenant readable : List.of(tenant, keeping)) {
                rules.create(new RuleDefinition(RuleTarget.tenant(readable.getId()), "Rotation desk reads "
                        + readable.getName(), true, null, List.of(AccessControlEntry.allow(team.principal(),
                        Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
            }
            policies.create(Platform.WINDOWS, new PolicyDraft(KEEPING_POLICY, null, true, 60, true, true,
                    true, new KeyRotationPolicy(false, null),
                    List.of(new PolicyTarget(TargetKind.TENANT, keeping.getId()))));
            agentSupport.setEnabled(true);
            return null;
        });
        // Each step commits before the next, as on the Password settings page.
        UUID certificate = as(() -> certificates.generate("AMS rotation IT", 2048, 1, KeyStorage.SOFTWARE)).getId();
        as(() -> certificates.exportPkcs12(certificate, "Rotation-IT-backup-1".toCharArray()));
        as(() -> {
            certificates.activate(certificate);
            return null;
        });
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Set-up: four devices register with the real agent and escrow both volumes each")
    void agentsEscrow() throws Exception {
        KeyRotationClient.start(base);
        Map<String, String> devices = new LinkedHashMap<>();
        devices.put(SHOWN, TENANT);
        devices.put(ROTATED_NOW, TENANT);
        devices.put(IN_GROUP, TENANT);
        devices.put(KEPT, KEEPING_TENANT);
        STOPPED.keySet().forEach(device -> devices.put(device, TENANT));
        KeyRotationClient.registerAgents(devices);
    }

    @Test
    @Order(3)
    @RunAsClient
    @DisplayName("Shown in the browser: each password says who was shown it and that the device will replace it")
    void helpdeskIsShownThePasswords() throws Exception {
        KeyRotationClient.shownAndToBeReplaced(USER, PASSWORD, SHOWN, KEPT, REASON);
    }

    @Test
    @Order(4)
    @DisplayName("The showing is recorded per key, and a rotation requested where the policy says so")
    void disclosureRequestsRotation() throws Exception {
        Device shown = device(SHOWN);
        List<RotationRequest> requested = as(() -> rotations.ofDevice(shown.getId()));
        assertEquals(2, requested.size(), "one per current key");
        for (RotationRequest request : requested) {
            assertEquals(RotationRequest.Cause.DISCLOSED, request.getCause());
            assertEquals(RotationRequest.State.REQUESTED, request.getState());
            assertEquals(USER, request.getRequestedBy());
        }
        assertEquals(2, as(() -> rotations.disclosuresOf(shown.getId())).size());
        assertTrue(as(() -> rotations.ofDevice(device(KEPT).getId())).isEmpty(), "the keeping policy asks nothing");
        assertEquals(2, as(() -> rotations.disclosuresOf(device(KEPT).getId())).size(), "but the showing is kept");

        List<AuditEvent> records = records(SHOWN);
        assertEquals(2, records.stream().filter(e -> e.getAction().equals(Rotations.REQUESTED)).count());
        long showing = records.stream().filter(e -> e.getAction().equals(AccessRequests.ACTION)).findFirst()
                .orElseThrow().getSequence();
        assertTrue(records.stream().filter(e -> e.getAction().equals(Rotations.REQUESTED))
                .allMatch(e -> e.getDetails().contains("audit record " + showing)), "names the showing's record");
    }

    @Test
    @Order(5)
    @RunAsClient
    @DisplayName("The next check-in replaces both protectors on the device; the one after reports it done")
    void theDeviceRotates() throws Exception {
        KeyRotationClient.deviceRotates(SHOWN);
    }

    @Test
    @Order(6)
    @DisplayName("AMS holds both: the old keys history, replaced by the new current ones; the rotation audited")
    void theServerHoldsBoth() throws Exception {
        Device shown = device(SHOWN);
        List<RecoveryKey> keys = as(() -> escrow.keysOf(shown.getId()));
        List<RecoveryKey> current = keys.stream().filter(k -> k.getState() == KeyState.CURRENT).toList();
        List<RecoveryKey> history = keys.stream().filter(k -> k.getState() == KeyState.SUPERSEDED).toList();
        assertEquals(2, current.size(), keys.toString());
        assertEquals(2, history.size(), keys.toString());
        assertEquals(current.stream().map(RecoveryKey::getProtectorId).collect(Collectors.toSet()),
                history.stream().map(RecoveryKey::getReplacedByProtectorId).collect(Collectors.toSet()));
        for (RecoveryKey old : history) {
            RecoveryKey replacement = current.stream()
                    .filter(k -> k.getProtectorId().equals(old.getReplacedByProtectorId())).findFirst().orElseThrow();
            assertEquals(old.getVolumeId(), replacement.getVolumeId(), "replaced on its own volume");
        }
        assertTrue(as(() -> rotations.ofDevice(shown.getId())).stream()
                .allMatch(r -> r.getState() == RotationRequest.State.DONE), "both rotations done");
        assertEquals(2, records(SHOWN).stream().filter(e -> e.getAction().equals(Rotations.COMPLETED)).count());
    }

    @Test
    @Order(7)
    @RunAsClient
    @DisplayName("Shown again: the new passwords are the device's, and the history names their replacements")
    void theHelpdeskPageShowsTheNewKeys() throws Exception {
        KeyRotationClient.newKeysShown(USER, PASSWORD, SHOWN, REASON);
    }

    @Test
    @Order(8)
    @DisplayName("Rotate now, every key shown to a user, every key of a group: requested and audited with their scope")
    void administratorsAskForRotations() throws Exception {
        Device now = device(ROTATED_NOW);
        assertEquals(2, as(() -> rotations.rotateDevice(now.getId())));
        assertEquals(0, as(() -> rotations.rotateDevice(now.getId())), "already being replaced: asked once");

        Device inGroup = device(IN_GROUP);
        DeviceGroup group = as(() -> directory.groups()).stream().filter(g -> g.getName().equals(GROUP))
                .findFirst().orElseThrow();
        as(() -> {
            directory.addMember(group.getId(), inGroup.getId());
            return null;
        });
        assertEquals(2, as(() -> rotations.rotateGroup(group.getId())), "the group's one device, both keys");

        // Shown to rota: ROT-PC-4's two keys (kept by its policy) and ROT-PC-1's new ones (already requested).
        assertEquals(2, as(() -> rotations.rotateShownTo(USER.toUpperCase(java.util.Locale.ROOT))),
                "user names match whatever their case");
        assertTrue(as(() -> rotations.ofDevice(device(KEPT).getId())).stream()
                .allMatch(r -> r.getCause() == RotationRequest.Cause.SHOWN_TO_USER));

        RotationException refused = assertThrows(RotationException.class, () -> as(() ->
                rotations.rotateShownTo(" ")));
        assertTrue(refused.getMessage().startsWith("Name the user"), refused.getMessage());
        RecoveryKey history = as(() -> escrow.keysOf(device(SHOWN).getId())).stream()
                .filter(k -> k.getState() == KeyState.SUPERSEDED).findFirst().orElseThrow();
        refused = assertThrows(RotationException.class, () -> as(() -> rotations.rotateKey(history.getId())));
        assertTrue(refused.getMessage().contains("is history"), refused.getMessage());

        List<AuditEvent> scopes = as(() -> audit.latest(200)).stream()
                .filter(e -> e.getAction().equals(Rotations.REQUESTED) && e.getTargetName() == null).toList();
        assertTrue(scopes.stream().anyMatch(e -> e.getDetails().startsWith("Rotation of every recovery password "
                + "shown to ROTA requested: 2 recovery password(s) on 1 device(s)")), scopes.toString());
        assertTrue(scopes.stream().anyMatch(e -> e.getDetails().startsWith("Rotation of every recovery password of "
                + "device group " + TENANT + " / " + GROUP + " requested: 2")), scopes.toString());
    }

    @Test
    @Order(9)
    @RunAsClient
    @DisplayName("Each device replaces what it was asked to at its next check-in")
    void devicesRotateAtCheckIn() throws Exception {
        KeyRotationClient.devicesRotate(List.of(ROTATED_NOW, IN_GROUP, KEPT, SHOWN));
    }

    @Test
    @Order(10)
    @DisplayName("Every rotation done, every old key history replaced by a current one AMS holds")
    void everyRotationDone() throws Exception {
        for (String name : List.of(SHOWN, ROTATED_NOW, IN_GROUP, KEPT)) {
            Device device = device(name);
            assertTrue(as(() -> rotations.ofDevice(device.getId())).stream()
                    .allMatch(r -> r.getState() == RotationRequest.State.DONE), name);
            List<RecoveryKey> keys = as(() -> escrow.keysOf(device.getId()));
            Set<String> current = keys.stream().filter(k -> k.getState() == KeyState.CURRENT)
                    .map(RecoveryKey::getProtectorId).collect(Collectors.toSet());
            assertEquals(2, current.size(), name + ": " + keys);
            assertTrue(keys.stream().filter(k -> k.getState() == KeyState.SUPERSEDED)
                    .allMatch(k -> k.getReplacedByProtectorId() != null), name);
        }
    }

    @Test
    @Order(11)
    @DisplayName("A replacement the server did not ask for is refused as a whole; nothing is stored")
    void unrequestedReplacementRefused() throws Exception {
        Device device = device(ROTATED_NOW);
        RecoveryKey current = as(() -> escrow.keysOf(device.getId())).stream()
                .filter(k -> k.getState() == KeyState.CURRENT).findFirst().orElseThrow();
        byte[] envelope = new EnvelopeEncryptor().seal(RecoveryPassword.parse(
                "144320-293700-536437-253594-483560-030349-535898-109615"),
                as(() -> certificates.activeCertificate()).orElseThrow());
        ProtectorId replacement = ProtectorId.parse("{" + UUID.randomUUID().toString().toUpperCase() + "}");
        EscrowedVolume volume = new EscrowedVolume(VolumeId.parse(current.getVolumeId()),
                MountPoint.parse(current.getMountPoint()), current.getDriveType(), List.of(new EscrowedVolume.Protector(
                replacement, envelope, ProtectorId.parse(current.getProtectorId()))));

        RotationNotRequestedException refused = assertThrows(RotationNotRequestedException.class,
                () -> as(() -> escrow.upload(directory.get(device.getId()), List.of(volume))));

        assertTrue(refused.getMessage().contains("did not ask this device to replace it"), refused.getMessage());
        assertTrue(as(() -> escrow.keysOf(device.getId())).stream()
                .noneMatch(k -> k.getProtectorId().equals(replacement.value())), "nothing stored");
    }

    @Test
    @Order(12)
    @DisplayName("Rotate now for each device whose agent will be stopped in the middle of the rotation")
    void rotateNowBeforeTheStops() throws Exception {
        for (String name : STOPPED.keySet()) {
            Device device = device(name);
            assertEquals(1, as(() -> rotations.rotateDevice(device.getId())), name);
        }
    }

    @Test
    @Order(13)
    @RunAsClient
    @DisplayName("The agent stopped between each pair of steps, then restarted: one recovery password per volume")
    void agentsStoppedAndRestarted() throws Exception {
        for (Map.Entry<String, String> stopped : STOPPED.entrySet()) {
            KeyRotationClient.stoppedAndRestarted(stopped.getKey(),
                    KeyRotationClient.Stop.valueOf(stopped.getValue()));
        }
    }

    @Test
    @Order(14)
    @DisplayName("After each stop AMS holds the one current key, the old one as history replaced by it, the rotation done")
    void eachStopConverges() throws Exception {
        for (Map.Entry<String, String> stopped : STOPPED.entrySet()) {
            Device device = device(stopped.getKey());
            List<RecoveryKey> keys = as(() -> escrow.keysOf(device.getId()));
            List<RecoveryKey> current = keys.stream().filter(k -> k.getState() == KeyState.CURRENT).toList();
            assertEquals(1, current.size(), stopped.getValue() + ": " + keys);
            assertEquals(2, keys.size(), stopped.getValue() + ": the new key stored once, the old kept: " + keys);
            RecoveryKey old = keys.stream().filter(k -> k.getState() == KeyState.SUPERSEDED).findFirst()
                    .orElseThrow();
            assertEquals(current.get(0).getProtectorId(), old.getReplacedByProtectorId(), stopped.getValue());
            List<RotationRequest> requested = as(() -> rotations.ofDevice(device.getId()));
            assertEquals(List.of(RotationRequest.State.DONE), requested.stream().map(RotationRequest::getState)
                    .toList(), stopped.getValue());
        }
    }

    @Test
    @Order(15)
    @RunAsClient
    @DisplayName("After each stop the helpdesk is shown the volume's one recovery password")
    void eachStopLeavesAVolumeAmsCanOpen() throws Exception {
        for (String device : STOPPED.keySet()) {
            KeyRotationClient.currentPasswordIsTheDevices(USER, PASSWORD, device, REASON);
        }
    }

    private static Map<String, String> stopped() {
        Map<String, String> stopped = new LinkedHashMap<>();
        String[] stops = {"BEFORE_ADDING", "AFTER_ADDING", "SEALED_CERTIFICATE_CHANGED", "STORED_NOT_ACKNOWLEDGED",
            "ACKNOWLEDGED_NOT_DELETED", "DELETED_NOT_RECORDED"};
        for (int i = 0; i < stops.length; i++) {
            stopped.put("ROT-CRASH-" + (i + 1), stops[i]);
        }
        return stopped;
    }

    @Test
    @Order(16)
    @DisplayName("A policy's age rule asks once for each current key escrowed longer ago than its days, not for others")
    void ageRuleAsksForOldKeys() throws Exception {
        Device device = device(ROTATED_NOW);
        List<RecoveryKey> current = as(() -> escrow.keysOf(device.getId())).stream()
                .filter(k -> k.getState() == KeyState.CURRENT).toList();
        assertEquals(2, current.size());
        RecoveryKey old = current.get(0);
        try (Connection connection = database.getConnection(); PreparedStatement backdate = connection.prepareStatement(
                "UPDATE recovery_key SET escrowed_at = ? WHERE id = ?")) {
            backdate.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(40));
            backdate.setObject(2, old.getId());
            assertEquals(1, backdate.executeUpdate());
        }
        KeyRotationPolicy thirtyDays = new KeyRotationPolicy(false, 30);

        assertEquals(List.of(old.getProtectorId()), as(() -> rotations.dueAtCheckIn(directory.get(device.getId()),
                thirtyDays)), "the 40-day-old key, not the new one");
        assertEquals(List.of(old.getProtectorId()), as(() -> rotations.dueAtCheckIn(directory.get(device.getId()),
                thirtyDays)), "asked once");
        List<RotationRequest> aged = as(() -> rotations.ofDevice(device.getId())).stream()
                .filter(r -> r.getCause() == RotationRequest.Cause.AGE).toList();
        assertEquals(1, aged.size());
        assertEquals(RotationRequest.State.REQUESTED, aged.get(0).getState());
        assertTrue(as(() -> rotations.dueAtCheckIn(directory.get(device.getId()), new KeyRotationPolicy(false, 60)))
                .contains(old.getProtectorId()), "an open rotation is listed whatever the rule says now");
        assertTrue(records(ROTATED_NOW).stream().anyMatch(e -> e.getAction().equals(Rotations.REQUESTED)
                && e.getDetails().endsWith("replaces recovery passwords older than 30 days.")));
    }

    @Test
    @Order(17)
    @RunAsClient
    @DisplayName("The administrator's keys dialog: the current keys confirmed on the device, the old ones replaced")
    void keysDialogConfirmsTheDevicesKeys() throws Exception {
        KeyRotationClient.keysConfirmedOnTheDevice(SHOWN);
    }

    @Test
    @Order(18)
    @DisplayName("A check-in reporting a protector AMS does not hold: recorded as the device's inventory")
    void checkInReportsAnUnescrowedProtector() throws Exception {
        Device device = device(ROTATED_NOW);
        List<ProtectorId> present = new java.util.ArrayList<>(as(() -> escrow.keysOf(device.getId())).stream()
                .filter(k -> k.getState() == KeyState.CURRENT).map(k -> ProtectorId.parse(k.getProtectorId()))
                .toList());
        present.add(ProtectorId.parse(UNESCROWED));
        as(() -> checkIns.checkIn(directory.get(device.getId()), new CheckInReport(new ReportedFacts(
                device.getName(), device.getDnsName(), device.getOsName(), device.getOsVersion(),
                device.getAgentVersion()), present, List.of())));

        assertTrue(as(() -> directory.get(device.getId())).getReportedProtectorIds().contains(UNESCROWED));
        assertEquals(2, as(() -> escrow.keysOf(device.getId())).stream()
                .filter(k -> k.getState() == KeyState.CURRENT).count(), "nothing superseded");
    }

    @Test
    @Order(19)
    @RunAsClient
    @DisplayName("The keys dialog names the protector on the device that AMS does not hold")
    void keysDialogNamesIt() {
        KeyRotationClient.keysDialogNamesTheUnescrowed(ROTATED_NOW, UNESCROWED);
    }

    @Test
    @Order(20)
    @DisplayName("Clean-up: the policy that keeps shown passwords is deleted; later classes meet the default policy")
    void keepingPolicyDeleted() throws Exception {
        as(() -> {
            Policy keeping = policies.policies(Platform.WINDOWS).stream()
                    .filter(p -> p.getName().equals(KEEPING_POLICY)).findFirst().orElseThrow();
            policies.delete(keeping.getId(), keeping.getVersion());
            return null;
        });
        assertTrue(as(() -> policies.policies(Platform.WINDOWS)).stream()
                .noneMatch(p -> p.getName().equals(KEEPING_POLICY)));
    }

    private Device device(String name) throws Exception {
        return as(directory::devices).stream().filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The audit records about this computer, newest first. */
    private List<AuditEvent> records(String name) throws Exception {
        return as(() -> audit.latest(500)).stream().filter(e -> name.equals(e.getTargetName())).toList();
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }
}
