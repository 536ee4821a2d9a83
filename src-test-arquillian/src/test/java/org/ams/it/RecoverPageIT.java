package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.ams.access.SelfServiceRecovery;
import org.ams.agents.CheckInReport;
import org.ams.agents.CheckIns;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.ReportedFacts;
import org.ams.devices.Tenant;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.Rotations;
import org.ams.identity.Role;
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
 * Self-service recovery in a real browser: the administrator turns it on for a device group and sees who signed in on
 * a computer (Groups, Devices / Users); the computer's user signs in, lands on /recover, types the first 8
 * characters of the key ID and a reason, and reads the password in large type with the digit-by-digit reading; a key
 * ID of no device of theirs is refused. Screenshots at 1366, 1920 and a phone's 400 px. In-container methods make
 * and check the data, the client ones drive the browser ({@link RecoverPageClient}: this class is loaded in the server
 * too).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoverPageIT {

    static final String TENANT = "Self-service page";
    static final String GROUP = "Self-service laptops";
    static final String COMPUTER = "RCP-LAPTOP-1";
    static final String USER = "rcp-rosa";
    static final String PASSWORD = "Password-of-rcp-rosa-1";
    static final String PROTECTOR = "{5E1FC0DE-1C2D-4E5F-8A9B-0C1D2E3F4A5B}";
    static final String RECOVERY_PASSWORD = "466895-217492-569250-069608-104434-135707-527241-083622";

    @Inject
    private AsAdministrator admin;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private SignedInCalls signedIn;
    @Inject
    private DeviceDirectory directory;
    @Inject
    private CheckIns checkIns;
    @Inject
    private Rotations rotations;
    @Inject
    private AuditTrail audit;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startBrowser() {
        if (System.getProperty("ams.it.deployments") != null) {
            RecoverPageClient.start();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a computer with a key in a group of its own, its agent reporting its user, who holds SelfService")
    void computerAndUser() throws Exception {
        Tenant tenant = admin.call(() -> directory.createTenant(TENANT));
        DeviceGroup group = admin.call(() -> directory.createGroup(tenant.getId(), GROUP, null));
        Device device = fixture.register(tenant, COMPUTER, group);
        fixture.ensureActiveCertificate("AMS recover page IT", "Recover-page-IT-backup");
        fixture.escrowKeyToActiveCertificate(device, PROTECTOR, RECOVERY_PASSWORD);
        admin.call(() -> checkIns.checkIn(directory.get(device.getId()), new CheckInReport(new ReportedFacts(
                COMPUTER, null, "Windows 11", "10.0.22631", "it"), null, List.of(), List.of("CORP\\" + USER))));
        // Not retired at the end: the browser signs in with it; its name is this class's own.
        signedIn.newAccount(USER, PASSWORD, Role.SELF_SERVICE);
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("The administrator turns self-service on for the group and sees the computer's user (1366, 1920 px)")
    void administratorTurnsItOn() {
        RecoverPageClient.at(base);
        RecoverPageClient.administratorTurnsItOn();
    }

    @Test
    @Order(3)
    @RunAsClient
    @DisplayName("The user reads the password by the key ID's first 8 characters on /recover (1366, 1920, 400 px)")
    void userRecovers() {
        RecoverPageClient.userRecovers();
    }

    @Test
    @Order(4)
    @DisplayName("The read is audited with its reason, and the device is asked to replace the key")
    void readAuditedAndRotated() throws Exception {
        Device device = admin.call(() -> directory.devices()).stream()
                .filter(candidate -> candidate.getName().equals(COMPUTER)).findFirst().orElseThrow();
        List<AuditEvent> reads = admin.call(() -> audit.latest(2000)).stream()
                .filter(record -> USER.equals(record.getActor()))
                .filter(record -> SelfServiceRecovery.ACTION.equals(record.getAction())).toList();
        assertEquals(List.of("KEY_ID_NOT_FOUND", "SUCCESS"), reads.stream().map(AuditEvent::getResultCode).toList());
        assertEquals("Lost PIN", reads.get(1).getReason());
        assertEquals(device.getId().toString(), reads.get(1).getTargetId());
        List<RotationRequest> asked = admin.call(() -> rotations.ofDevice(device.getId()));
        assertEquals(1, asked.size());
        assertEquals(RotationRequest.Cause.SELF_SERVICE, asked.get(0).getCause());
        assertTrue(admin.call(() -> audit.latest(2000)).stream().anyMatch(record ->
                DeviceDirectory.SELF_SERVICE_CHANGED.equals(record.getAction()) && GROUP.equals(record.getTargetName())
                        && "admin".equals(record.getActor())), "the change made in the browser is audited");
    }
}
