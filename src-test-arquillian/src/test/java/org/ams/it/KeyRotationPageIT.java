package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Tenant;
import org.ams.escrow.EscrowOutcome;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowedVolume;
import org.ams.escrow.KeyState;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.RotationReport;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.Rotations;
import org.ams.protocol.MountPoint;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.VolumeId;
import org.ams.protocol.wire.DriveType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administrator's side of key rotation on the Devices page: a computer's escrowed keys with who was shown them
 * and how their rotations stand (never a password), Rotate now for a device and for one key, and incident response
 * for every key shown to a user and every key of a device group; each asks first, naming what it replaces, and says
 * how many rotations it requested. What the page did is read back from {@link Rotations#ofDevice}.
 * <p>
 * Five computers of this class (RKP-PC-1 to 5; 2 to 4 in a device group of its own), their keys escrowed, shown and
 * rotated through the product's services in the server. Test methods run in order; in-container ones (no
 * {@link RunAsClient}) make and check the data, client ones drive the browser ({@link KeyRotationPageClient}, kept apart
 * because this class is loaded inside the server too).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationPageIT {

    static final String PC_1 = "RKP-PC-1";
    static final String PC_2 = "RKP-PC-2";
    static final String PC_3 = "RKP-PC-3";
    static final String PC_4 = "RKP-PC-4";
    static final String PC_5 = "RKP-PC-5";
    static final String GROUP = "ROT incident group";
    static final String GROUP_LABEL = "Default / " + GROUP;
    static final String SHOWN_TO = "rkp-rita";
    static final String OTHER_USER = "rkp-oscar";
    static final String FAILURE = "BitLocker refused to remove the protector: access is denied.";

    /** Device ids by name (in the server: in-container methods only). */
    private static final Map<String, UUID> DEVICES = new HashMap<>();

    @Inject
    private AsAdministrator admin;

    @Inject
    private AsHelpdesk helpdesk;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private Escrow escrow;

    @Inject
    private Rotations rotations;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startBrowser() {
        if (onClient()) {
            KeyRotationPageClient.start();
        }
    }

    /** Failsafe's JVM has the test settings; the server's has not, and must not touch the client's classes. */
    private static boolean onClient() {
        return System.getProperty("ams.it.deployments") != null;
    }

    /** The protector id of key {@code n}: its recovery key ID is {@code B07A} and n in four hex digits. */
    static String protector(int n) {
        return String.format("{B07A%04X-1C2D-4E5F-8A9B-0C1D2E3F4A5B}", n);
    }

    static String keyId(int n) {
        return protector(n).substring(1, 9);
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: five computers escrow keys; one key rotated, one shown and its rotation failed, one shown and one half rotated")
    void computersWithKeys() throws Exception {
        fixture.activateNewCertificate("Key rotation page IT", "Rotation-IT-backup-1");
        Tenant tenant = admin.call(() -> directory.tenant(Tenant.DEFAULT));
        DeviceGroup group = admin.call(() -> directory.createGroup(Tenant.DEFAULT, GROUP,
                "Computers of the key rotation page test"));

        // RKP-PC-1: C: and D:, D:'s key replaced by a rotation, so it is history "replaced by" 0x13.
        Device pc1 = register(tenant, PC_1);
        escrowed(pc1, volume(1, 1, "C:", DriveType.OS, 0x11), volume(1, 2, "D:", DriveType.FIXED, 0x12));
        assertEquals(1, admin.call(() -> rotations.rotateKey(key(pc1, 0x12))));
        escrowed(pc1, replacing(volume(1, 2, "D:", DriveType.FIXED, 0x13), 0x12));
        admin.call(() -> escrow.supersedeMissing(directory.get(pc1.getId()),
                List.of(ProtectorId.parse(protector(0x11)), ProtectorId.parse(protector(0x13)))));

        // RKP-PC-2: C: shown to the user; the rotation that showing asked for failed on the device.
        Device pc2 = register(tenant, PC_2, group);
        escrowed(pc2, volume(2, 1, "C:", DriveType.OS, 0x21), volume(2, 2, "D:", DriveType.FIXED, 0x22));
        assertEquals(1, helpdesk.call(() -> rotations.disclosed(List.of(key(pc2, 0x21)), SHOWN_TO, 1L)),
                "the shipped default policy replaces a recovery password once shown");
        admin.call(() -> {
            rotations.recordResults(directory.get(pc2.getId()), List.of(new RotationReport(
                    ProtectorId.parse(protector(0x21)), null, false, "DELETE", FAILURE,
                    OffsetDateTime.now(ZoneOffset.UTC))));
            return null;
        });

        // RKP-PC-3: C: shown to someone else (its rotation still requested), D: replaced but not yet removed.
        Device pc3 = register(tenant, PC_3, group);
        escrowed(pc3, volume(3, 1, "C:", DriveType.OS, 0x31), volume(3, 2, "D:", DriveType.FIXED, 0x32));
        assertEquals(1, helpdesk.call(() -> rotations.disclosed(List.of(key(pc3, 0x31)), OTHER_USER, 2L)));
        assertEquals(1, admin.call(() -> rotations.rotateKey(key(pc3, 0x32))));
        escrowed(pc3, replacing(volume(3, 2, "D:", DriveType.FIXED, 0x33), 0x32));

        Device pc4 = register(tenant, PC_4, group);
        escrowed(pc4, volume(4, 1, "C:", DriveType.OS, 0x41), volume(4, 2, "D:", DriveType.FIXED, 0x42));
        Device pc5 = register(tenant, PC_5);
        escrowed(pc5, volume(5, 1, "C:", DriveType.OS, 0x51));
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Keys: per key its drive, key ID, protector, state, last showing and rotation; no recovery password")
    void keysOfAComputer() {
        KeyRotationPageClient.at(base);
        KeyRotationPageClient.keysOfAComputer();
    }

    @Test
    @Order(3)
    @RunAsClient
    @DisplayName("Rotate now for one key asks first, naming key and computer, and requests that key's rotation")
    void rotateOneKey() {
        KeyRotationPageClient.rotateOneKey();
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("Rotate now for a computer asks first, naming it, and says how many rotations it requested")
    void rotateADevice() {
        KeyRotationPageClient.rotateADevice();
    }

    @Test
    @Order(5)
    @DisplayName("Rotate now requested exactly the one key, and every current key of the computer")
    void rotateNowRequestedExactly() throws Exception {
        assertEquals(Map.of(protector(0x41), RotationRequest.Cause.ADMINISTRATOR), open(PC_4));
        Map<String, RotationRequest.Cause> pc1 = open(PC_1);
        assertEquals(current(PC_1), pc1.keySet(), "every current key, not the history");
        assertEquals(Set.of(protector(0x11), protector(0x13)), pc1.keySet());
        assertEquals(Set.of(RotationRequest.Cause.ADMINISTRATOR), Set.copyOf(pc1.values()));
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("Incident response: every key shown to a user, then every key of a device group; neither field is lost")
    void incidentResponse() {
        KeyRotationPageClient.incidentResponse();
    }

    @Test
    @Order(7)
    @DisplayName("Incident response requested the user's shown keys and the group's keys only")
    void incidentResponseRequestedExactly() throws Exception {
        assertEquals(Set.of(protector(0x21)), requested(RotationRequest.Cause.SHOWN_TO_USER),
                "the key shown to " + SHOWN_TO + ", not the one shown to " + OTHER_USER);
        assertEquals(Set.of(protector(0x22), protector(0x33), protector(0x42)),
                requested(RotationRequest.Cause.DEVICE_GROUP), "the group's current keys without a rotation");
        assertEquals(RotationRequest.Cause.DISCLOSED, open(PC_3).get(protector(0x31)));
        assertEquals(RotationRequest.State.REPLACEMENT_HELD, admin.call(() -> rotations.ofDevice(DEVICES.get(PC_3)))
                .stream().filter(r -> r.getProtectorId().equals(protector(0x32))).findFirst().orElseThrow()
                .getState());
        assertEquals(Map.of(), open(PC_5));
    }

    @Test
    @Order(8)
    @DisplayName("Another administrator deletes RKP-PC-5 while the page still shows it approved")
    void deletedMeanwhile() throws Exception {
        admin.call(() -> directory.delete(DEVICES.get(PC_5)));
    }

    @Test
    @Order(9)
    @RunAsClient
    @DisplayName("Refusals: a computer deleted meanwhile, an empty user name")
    void refusals() {
        KeyRotationPageClient.refusals();
    }

    @Test
    @Order(10)
    @DisplayName("Nothing was requested for the deleted computer")
    void nothingForTheDeletedComputer() throws Exception {
        assertEquals(Map.of(), open(PC_5));
    }

    @Test
    @Order(11)
    @RunAsClient
    @DisplayName("At 1366 and 1920 pixels wide the keys dialog and the incident response section cut nothing off, and axe-core finds no serious violation")
    void layout() {
        KeyRotationPageClient.layout();
    }

    private Device register(Tenant tenant, String name, DeviceGroup... groups) throws Exception {
        Device device = fixture.register(tenant, name, groups);
        DEVICES.put(name, device.getId());
        return device;
    }

    private static EscrowedVolume volume(int device, int volume, String mountPoint, DriveType type, int key) {
        return new EscrowedVolume(VolumeId.parse(String.format(
                "\\\\?\\Volume{b07a%04x-0000-4000-8000-%012x}\\", device, volume)), MountPoint.parse(mountPoint),
                type, List.of(new EscrowedVolume.Protector(ProtectorId.parse(protector(key)), null)));
    }

    private static EscrowedVolume replacing(EscrowedVolume volume, int replaced) {
        EscrowedVolume.Protector protector = volume.protectors().get(0);
        return new EscrowedVolume(volume.volumeId(), volume.mountPoint(), volume.driveType(), List.of(
                new EscrowedVolume.Protector(protector.protectorId(), null, ProtectorId.parse(protector(replaced)))));
    }

    /** Uploads the volumes as the device's agent would, each protector's recovery password sealed. */
    private void escrowed(Device device, EscrowedVolume... volumes) throws Exception {
        List<EscrowedVolume> sealed = new ArrayList<>();
        for (EscrowedVolume volume : volumes) {
            EscrowedVolume.Protector protector = volume.protectors().get(0);
            sealed.add(new EscrowedVolume(volume.volumeId(), volume.mountPoint(), volume.driveType(), List.of(
                    new EscrowedVolume.Protector(protector.protectorId(), fixture.sealed(), protector.replaces()))));
        }
        assertEquals(Collections.nCopies(sealed.size(), EscrowOutcome.Result.STORED),
                fixture.upload(device, sealed).stream().map(EscrowOutcome::result).toList());
    }

    private UUID key(Device device, int n) throws Exception {
        return admin.call(() -> escrow.keysOf(device.getId())).stream()
                .filter(key -> key.getProtectorId().equals(protector(n))).findFirst().orElseThrow().getId();
    }

    /** The device's open rotations: protector id and why. */
    private Map<String, RotationRequest.Cause> open(String device) throws Exception {
        return admin.call(() -> rotations.ofDevice(DEVICES.get(device))).stream()
                .filter(request -> request.getState().open())
                .collect(Collectors.toMap(RotationRequest::getProtectorId, RotationRequest::getCause));
    }

    private Set<String> current(String device) throws Exception {
        return admin.call(() -> escrow.keysOf(DEVICES.get(device))).stream()
                .filter(key -> key.getState() == KeyState.CURRENT).map(RecoveryKey::getProtectorId)
                .collect(Collectors.toSet());
    }

    /** The protectors of this class's computers with a rotation requested for this cause. */
    private Set<String> requested(RotationRequest.Cause cause) throws Exception {
        Set<String> protectors = new HashSet<>();
        for (UUID device : DEVICES.values()) {
            admin.call(() -> rotations.ofDevice(device)).stream().filter(request -> request.getCause() == cause)
                    .forEach(request -> protectors.add(request.getProtectorId()));
        }
        return protectors;
    }
}
