package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceListFilter;
import org.ams.devices.DeviceState;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.RecoveryKey;
import org.ams.keyimport.FileImportResult;
import org.ams.keyimport.FileKeyImport;
import org.ams.keyimport.KeyImportException;
import org.ams.keyimport.RecoveryKeyFile.BadRow;
import org.ams.protocol.RecoveryPassword;
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
 * Importing recovery passwords from a CSV file (Devices / Import): the preview stores nothing, a file with bad rows is
 * refused whole unless its valid rows only are asked for, keys AMS holds are recognised (same password: unchanged;
 * another password or computer: a bad row), imported computers are "imported, no agent" devices an agent joins, and
 * every import is audited without a password. The page does the same in a browser ({@link KeyFileImportPageClient}).
 * <p>
 * Shares the server: its tenant (where every device of this class lands) and computer names (FKI-...) are its own.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyFileImportIT {

    static final String TENANT = "File import IT";
    static final String HEADER = "Computer name,Key ID,Recovery password,Volume type,Created\n";
    static final String AGENT = "FKI-AGENT";
    static final String TWIN = "FKI-TWIN";
    static final String NEW = "FKI-NEW";
    static final String PAGE_NEW = "FKI-PAGE-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Tenant tenant;
    private static UUID agentDeviceId;
    private static String newKey1;
    private static String newPassword1;

    @Inject
    private AsAdministrator admin;
    @Inject
    private AsHelpdesk helpdesk;
    @Inject
    private FileKeyImport fileImport;
    @Inject
    private DeviceDirectory devices;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private Escrow escrow;
    @Inject
    private AuditLog auditLog;
    @Inject
    private SecretVault vault;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startBrowser() {
        if (onClient()) {
            KeyFileImportPageClient.start();
        }
    }

    /** Failsafe's JVM has the test settings; the server's has not, and must not touch the client's classes. */
    private static boolean onClient() {
        return System.getProperty("ams.it.deployments") != null;
    }

    static String password() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return RecoveryPassword.fromKeyBytes(key).formatted();
    }

    static String keyId() {
        return "{" + UUID.randomUUID().toString().toUpperCase() + "}";
    }

    /** The last group made one larger: no longer a multiple of 11. */
    static String badChecksum(String password) {
        int last = Integer.parseInt(password.substring(password.length() - 6)) + 1;
        return password.substring(0, password.length() - 6) + String.format("%06d", last);
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a tenant with an agent's device and two devices of the same name")
    void setUp() throws Exception {
        fixture.ensureActiveCertificate("AMS file import IT", "File-Import-IT-backup-1");
        tenant = admin.call(() -> devices.createTenant(TENANT));
        agentDeviceId = fixture.register(tenant, AGENT).getId();
        fixture.register(tenant, TWIN);
        fixture.register(tenant, TWIN);
    }

    @Test
    @Order(2)
    @DisplayName("Preview counts new keys, repeats, computers to create and bad rows, and stores nothing; Import refuses the file; Import the valid rows stores them")
    void previewThenImport() throws Exception {
        newKey1 = keyId();
        newPassword1 = password();
        String newKey2 = keyId();
        String agentKey = keyId();
        String agentPassword = password();
        String twice = keyId();
        String csv = HEADER
                + NEW + "," + newKey1 + "," + newPassword1 + ",0,2026-11-01 08:00:00\n"    // 2
                + NEW.toLowerCase() + "," + newKey2 + "," + password() + ",Fixed data drive,\n"  // 3
                + AGENT + "," + agentKey + "," + agentPassword + ",,\n"                    // 4
                + NEW + "," + newKey1 + "," + newPassword1 + ",0,2026-11-01 08:00:00\n"    // 5: repeats 2
                + "FKI-BAD," + keyId() + "," + badChecksum(password()) + ",,\n"              // 6
                + "\"=cmd|' /C calc'!A0\"," + keyId() + "," + password() + ",,\n"           // 7
                + "FKI-DUP," + twice + "," + password() + ",,\n"                              // 8
                + "FKI-DUP," + twice + "," + password() + ",,\n"                              // 9
                + TWIN + "," + keyId() + "," + password() + ",,\n"                            // 10
                + "FKI-SHORT," + keyId() + "\n";                                              // 11
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        FileImportResult preview = admin.call(() -> fileImport.preview(tenant.getId(), "C:\\exports\\keys.csv",
                file));

        assertEquals(10, preview.rows());
        assertEquals(3, preview.newKeys());
        assertEquals(1, preview.unchanged(), "line 5 repeats line 2");
        assertEquals(1, preview.computersToCreate());
        assertEquals(List.of(6, 7, 8, 9, 10, 11), preview.badRows().stream().map(BadRow::line).toList());
        assertTrue(preview.badRows().get(1).reason().contains("formula"));
        assertTrue(preview.badRows().get(2).reason().contains("with a different recovery password"));
        assertTrue(preview.badRows().get(4).reason().contains("matches 2 devices"), preview.badRows().get(4).reason());
        assertEquals("keys.csv", preview.fileName(), "no folders");
        assertFalse(preview.stored());
        assertEquals(0, devicesNamed(NEW).size(), "the preview stored nothing");
        assertTrue(admin.call(() -> escrow.keysOf(agentDeviceId)).isEmpty());

        FileImportResult refused = admin.call(() -> fileImport.importFile(tenant.getId(), "keys.csv", file, false));

        assertFalse(refused.stored());
        assertEquals(6, refused.badRows().size());
        assertEquals(0, devicesNamed(NEW).size(), "nothing half imported");
        assertTrue(admin.call(() -> escrow.keysOf(agentDeviceId)).isEmpty());

        FileImportResult imported = admin.call(() -> fileImport.importFile(tenant.getId(), "keys.csv", file, true));

        assertTrue(imported.stored());
        assertEquals(3, imported.newKeys());
        assertEquals(1, imported.computersToCreate());
        List<Device> created = devicesNamed(NEW);
        assertEquals(1, created.size(), "one device for both spellings of the name");
        assertEquals(DeviceState.IMPORTED, created.get(0).getState());
        assertEquals(FileKeyImport.DIRECTORY_NAME, created.get(0).getDirectory().getName());
        List<RecoveryKey> keys = admin.call(() -> escrow.keysOf(created.get(0).getId()));
        assertEquals(2, keys.size());
        RecoveryKey first = keys.stream().filter(k -> k.getProtectorId().equals(newKey1)).findFirst().orElseThrow();
        assertEquals(DriveType.OS, first.getDriveType());
        assertEquals("2026-11-01T08:00:00Z", first.getEscrowedAt().toInstant().toString(), "created, as the file says");
        assertTrue(first.originNote().matches("Imported from file keys\\.csv at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC "
                + "by in-container-test-administrator"), first.originNote());
        assertEquals(newPassword1, admin.call(() -> vault.openRecoveryPassword(first.getSecretId())).formatted(),
                "sealed to the active certificate, the password as in the file");
        List<RecoveryKey> agentKeys = admin.call(() -> escrow.keysOf(agentDeviceId));
        assertEquals(List.of(agentKey), agentKeys.stream().map(RecoveryKey::getProtectorId).toList(),
                "a row of a computer AMS knows goes to its device");

        List<AuditEvent> records = audit();
        assertTrue(records.stream().anyMatch(r -> r.getAction().equals(FileKeyImport.REFUSED)
                && String.valueOf(r.getDetails()).contains("nothing imported")), "the refusal is audited");
        AuditEvent record = records.stream().filter(r -> r.getAction().equals(FileKeyImport.IMPORTED)).findFirst()
                .orElseThrow();
        assertTrue(record.getDetails().startsWith("File keys.csv into " + TENANT + " / File import: 10 row(s): 3 new "
                + "key(s), 1 unchanged, 1 computer(s) created, 6 bad row(s)"), record.getDetails());
        for (AuditEvent r : records) {
            assertFalse(String.valueOf(r.getDetails()).contains(newPassword1.substring(0, 13)), "no password audited");
            assertFalse(String.valueOf(r.getDetails()).contains(agentPassword.substring(0, 13)), "no password audited");
        }
    }

    @Test
    @Order(3)
    @DisplayName("Against what AMS holds: the same key again is unchanged; the same key id with another password or for another computer is a bad row, and the file is refused whole")
    void againstHeldKeys() throws Exception {
        String fresh = keyId();
        byte[] file = (HEADER
                + NEW + "," + newKey1 + "," + newPassword1 + ",,\n"
                + NEW + "," + newKey1.toLowerCase() + "," + password() + ",,\n"
                + AGENT + "," + newKey1 + "," + newPassword1 + ",,\n"
                + "FKI-OTHER," + fresh + "," + password() + ",,\n").getBytes(StandardCharsets.UTF_8);

        FileImportResult refused = admin.call(() -> fileImport.importFile(tenant.getId(), "again.csv", file, false));

        assertFalse(refused.stored());
        assertEquals(List.of(2, 3, 4), refused.badRows().stream().map(BadRow::line).toList(),
                "the key id is on three lines that disagree");
        assertEquals(0, devicesNamed("FKI-OTHER").size(), "the valid row was not stored");
        byte[] againAndNew = (HEADER
                + NEW + "," + newKey1 + "," + newPassword1 + ",,\n"
                + NEW + "," + keyId() + "," + password() + ",,\n").getBytes(StandardCharsets.UTF_8);
        FileImportResult preview = admin.call(() -> fileImport.preview(tenant.getId(), "again.csv", againAndNew));
        assertEquals(1, preview.unchanged(), "AMS holds it with that password");
        assertEquals(1, preview.newKeys());
        assertEquals(0, preview.computersToCreate());

        byte[] otherPassword = (HEADER + NEW + "," + newKey1 + "," + password() + ",,\n"
                + AGENT + "," + keyId() + "," + password() + ",,\n").getBytes(StandardCharsets.UTF_8);
        FileImportResult changed = admin.call(() -> fileImport.importFile(tenant.getId(), "changed.csv",
                otherPassword, false));
        assertFalse(changed.stored());
        assertEquals(1, changed.badRows().size());
        assertTrue(changed.badRows().get(0).reason().endsWith("with a different recovery password."));
        assertEquals(1, admin.call(() -> escrow.keysOf(agentDeviceId)).size(), "the valid row was not stored either");
        byte[] otherComputer = (HEADER + AGENT + "," + newKey1 + "," + newPassword1 + ",,\n")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(admin.call(() -> fileImport.preview(tenant.getId(), "moved.csv", otherComputer)).badRows().get(0)
                .reason().startsWith("AMS already holds key id " + newKey1 + " for the computer " + NEW));
    }

    @Test
    @Order(4)
    @DisplayName("A file that is not UTF-8 is refused whole, with a message; nothing is stored")
    void wrongEncoding() throws Exception {
        byte[] latin1 = (HEADER + "FKI-MÜLLER," + keyId() + "," + password() + ",,\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        KeyImportException refused = assertThrows(KeyImportException.class,
                () -> admin.call(() -> fileImport.importFile(tenant.getId(), "latin1.csv", latin1, true)));

        assertTrue(refused.getMessage().startsWith("The file is not UTF-8 text"), refused.getMessage());
        assertEquals(0, devicesNamed("FKI-MÜLLER").size());
        assertThrows(jakarta.ejb.EJBAccessException.class,
                () -> helpdesk.call(() -> fileImport.preview(tenant.getId(), "x.csv", latin1)),
                "an administrator's action");
    }

    @Test
    @Order(5)
    @DisplayName("The agent registering from a computer imported from a file joins its device, keys kept")
    void agentJoins() throws Exception {
        Device imported = devicesNamed(NEW).get(0);

        Device registered = fixture.register(tenant, NEW);

        assertEquals(imported.getId(), registered.getId());
        assertEquals(2, admin.call(() -> escrow.keysOf(registered.getId())).size());
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("Browser: upload a CSV, read the preview's counts and bad rows, Import is refused, Import the valid rows stores them")
    void importPage() throws Exception {
        KeyFileImportPageClient.at(base);
        KeyFileImportPageClient.importWithABadRow();
    }

    @Test
    @Order(7)
    @DisplayName("What the page imported: an imported device with its key, origin by the signed-in administrator")
    void pageImported() throws Exception {
        List<Device> created = devicesNamed(PAGE_NEW);
        assertEquals(1, created.size());
        List<RecoveryKey> keys = admin.call(() -> escrow.keysOf(created.get(0).getId()));
        assertEquals(1, keys.size());
        assertTrue(keys.get(0).originNote().startsWith("Imported from file page-import.csv at "));
        assertTrue(keys.get(0).originNote().endsWith(" by admin"), keys.get(0).originNote());
    }

    private List<Device> devicesNamed(String name) throws Exception {
        return admin.call(() -> devices.list(new DeviceListFilter(false, name, DeviceListFilter.Order.NAME, false),
                0, 10)).stream().filter(d -> d.getName().equalsIgnoreCase(name)
                && d.getDirectory().getTenant().getName().equals(TENANT)).toList();
    }

    private List<AuditEvent> audit() throws Exception {
        return admin.call(() -> auditLog.search(new AuditFilter(null, null, null, TENANT, null), 0, 50));
    }
}
