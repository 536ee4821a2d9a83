package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceListFilter;
import org.ams.devices.DeviceState;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.KeyState;
import org.ams.escrow.RecoveryKey;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.ldap.LdapSettings;
import org.ams.keyimport.DirectoryKeyImport;
import org.ams.keyimport.KeyImportBatch;
import org.ams.keyimport.KeyImportException;
import org.ams.keyimport.KeyImportRun;
import org.ams.keyimport.KeyImportRunner;
import org.ams.keyimport.KeyImportSettings;
import org.ams.keyimport.KeyImports;
import org.ams.protocol.RecoveryPassword;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The BitLocker key import against a real LDAP server shaped like Active Directory ({@link BitLockerDirectory}, run in
 * the server process): {@value #COMPUTERS} computers with two recovery passwords each and one object whose password
 * fails BitLocker's checksum. The first run stops after a page limit and the next resumes it; changes and additions
 * are read incrementally (only they are read); deleted objects keep their keys, marked by the next full scan; the
 * agent registering from an imported computer joins its device, keys kept.
 * <p>
 * Shares the server: the directory source, tenant, group and devices are this class's own; the directory source
 * (with its import) is removed at the end. The volume can be raised with the system property
 * {@code ams.it.key-import.computers} of the server's JVM (the test runs there).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyImportIT {

    static final int COMPUTERS = 500;
    private static final int KEYS_PER_COMPUTER = 2;
    private static final int PAGE = 200;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String DIRECTORY_NAME = "Key import IT " + SUFFIX;
    private static final String BROKEN = "KIT" + SUFFIX.substring(0, 4).toUpperCase(Locale.ROOT) + "-BROKEN";
    private static final String NEW = "KIT" + SUFFIX.substring(0, 4).toUpperCase(Locale.ROOT) + "-NEW";

    /** This class's state, kept between its methods in the server's JVM. */
    private static BitLockerDirectory ldap;
    private static UUID sourceId;
    private static Tenant tenant;
    private static DeviceGroup group;
    private static UUID agentDeviceId;
    /** Recovery GUID to password of every valid object in the directory, as written there. */
    private static final Map<UUID, String> PASSWORDS = new HashMap<>();
    private static final Map<UUID, String> COMPUTER_OF = new HashMap<>();
    private static final Set<UUID> DELETED = new HashSet<>();
    private static int computers;
    private static KeyImportRun first;

    @Inject
    private AsAdministrator admin;
    @Inject
    private DirectorySourceService directories;
    @Inject
    private KeyImports imports;
    @Inject
    private KeyImportRunner runner;
    @Inject
    private DeviceDirectory devices;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private Escrow escrow;
    @Inject
    private SecretVault vault;
    @Inject
    private AuditLog auditLog;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: an AD-shaped directory with computers and their recovery information; one computer already runs the agent")
    void setUp() throws Exception {
        computers = Integer.getInteger("ams.it.key-import.computers", COMPUTERS);
        fixture.ensureActiveCertificate("AMS key import IT", "Key-Import-IT-backup-1");
        ldap = BitLockerDirectory.start("DC1");
        for (int i = 1; i <= computers; i++) {
            String name = computerName(i);
            ldap.addComputer(name);
            for (int k = 0; k < KEYS_PER_COMPUTER; k++) {
                addKey(name);
            }
        }
        ldap.addComputer(BROKEN);
        ldap.addRecoveryInformation(BROKEN, BitLockerDirectory.invalidPassword());
        sourceId = admin.call(() -> directories.add(DIRECTORY_NAME, settings(ldap.url()),
                BitLockerDirectory.BIND_PASSWORD.toCharArray())).getId();
        tenant = admin.call(() -> devices.createTenant("Key import IT " + SUFFIX));
        group = admin.call(() -> devices.createGroup(tenant.getId(), "Imported " + SUFFIX, null));
        // Computer 2 registered its agent before the import: the import joins its keys to that device.
        agentDeviceId = fixture.registerWithDnsName(tenant, computerName(2),
                computerName(2).toLowerCase(Locale.ROOT) + BitLockerDirectory.DNS_SUFFIX).getId();

        assertThrows(KeyImportException.class, () -> admin.call(() -> imports.configure(sourceId,
                new KeyImportSettings(true, List.of("not a DN"), 60, tenant.getId(), null))),
                "a search base that is not a DN is refused");
        assertTrue(admin.call(() -> imports.find(sourceId)).isEmpty(), "and nothing was saved");
        admin.call(() -> imports.configure(sourceId, new KeyImportSettings(true,
                List.of(BitLockerDirectory.COMPUTERS), 60, tenant.getId(), group.getId())));
        assertTrue(auditRecords().stream().anyMatch(r -> r.getAction().equals(KeyImports.CONFIGURED)
                && r.getDetails().contains(BitLockerDirectory.COMPUTERS)), "the setting is in the audit log");
    }

    @Test
    @Order(2)
    @DisplayName("A run stopped after a page limit keeps what it imported; the next run resumes it and reads on")
    void interruptedRunResumes() throws Exception {
        first = admin.call(() -> runner.runNow(sourceId, false, PAGE, 2));
        assertTrue(first.ran());
        assertFalse(first.complete(), "it stopped at the page limit");
        assertTrue(first.full(), "the first run is a full scan");
        assertEquals(2 * PAGE, first.counts().read());
        assertTrue(admin.call(() -> imports.find(sourceId)).orElseThrow().isRunUnfinished());

        KeyImportRun resumed = admin.call(() -> runner.runNow(sourceId, false, PAGE, 0));
        int total = computers * KEYS_PER_COMPUTER;
        assertTrue(resumed.complete());
        assertTrue(resumed.resumed(), "it resumed the stopped run");
        assertEquals(2 * PAGE, resumed.counts().alreadyRead(),
                "what the stopped part read is recognised on rereading, not imported again");
        assertEquals(total + 1, resumed.counts().read(), "the whole run read every object once");
        assertEquals(total, resumed.counts().newKeys(), "every valid key is in, none twice");
        assertEquals(0, resumed.counts().unchanged());
        assertEquals(1, resumed.counts().invalid());
        assertEquals(1, resumed.counts().computersMatched(),
                "the computer that runs the agent is matched to its device");
        assertEquals(computers - 1, resumed.counts().computersCreated(),
                "every other computer is created (not the one whose only object is invalid)");
        String errors = String.join("\n", resumed.errors());
        assertTrue(errors.contains(BROKEN) && errors.contains("BitLocker's check"), errors);

        DirectoryKeyImport state = admin.call(() -> imports.find(sourceId)).orElseThrow();
        assertFalse(state.isRunUnfinished());
        assertTrue(state.getLastRunSummary().startsWith("Full scan (resumed): "), state.getLastRunSummary());
        assertTrue(state.getLastRunErrors().contains(BROKEN));
        assertTrue(state.getDcIdentity().contains("CN=DC1"), state.getDcIdentity());
        assertTrue(auditRecords().stream().anyMatch(r -> r.getAction().equals(KeyImportBatch.RAN)
                && r.getDetails().contains(resumed.counts().newKeys() + " new")), "the run is in the audit log");
    }

    @Test
    @Order(3)
    @DisplayName("Imported keys are sealed as escrowed history of their computers, with their origin; no agent, no key")
    void importedComputersHoldTheirKeys() throws Exception {
        Device imported = device(computerName(1));
        assertEquals(DeviceState.IMPORTED, imported.getState());
        assertFalse(imported.hasAgent());
        assertEquals(DIRECTORY_NAME, imported.getDirectory().getName());
        assertTrue(imported.getGroups().stream().anyMatch(g -> g.getId().equals(group.getId())));
        List<RecoveryKey> keys = admin.call(() -> escrow.keysOf(imported.getId()));
        assertEquals(KEYS_PER_COMPUTER, keys.size());
        for (RecoveryKey key : keys) {
            UUID guid = UUID.fromString(key.getProtectorId().substring(1, 37));
            assertEquals(guid.toString().substring(0, 8).toUpperCase(Locale.ROOT), key.getKeyId());
            assertEquals(KeyState.CURRENT, key.getState());
            assertNull(key.getDriveType(), "AD does not record the drive type");
            assertTrue(key.originNote().startsWith("Imported from AD " + DIRECTORY_NAME + " at "), key.originNote());
            assertEquals(RecoveryPassword.parse(PASSWORDS.get(guid)),
                    admin.call(() -> vault.openRecoveryPassword(key.getSecretId())),
                    "the sealed password is the one in the directory");
        }
        assertEquals(KEYS_PER_COMPUTER, admin.call(() -> escrow.keysOf(agentDeviceId)).size(),
                "the agent's device holds its computer's imported keys");
        assertEquals(0, admin.call(() -> devices.count(new DeviceListFilter(false, BROKEN,
                DeviceListFilter.Order.NAME, false))), "a computer whose only object is invalid is not created");
    }

    @Test
    @Order(4)
    @DisplayName("A sync reads only what changed: a changed password supersedes the old key, new objects and computers come in")
    void incrementalSyncReadsOnlyChanges() throws Exception {
        KeyImportRun idle = admin.call(() -> runner.runNow(sourceId, false, PAGE, 0));
        assertFalse(idle.full());
        assertEquals(0, idle.counts().read(), "nothing changed, nothing read");

        List<UUID> ofFirst = guidsOf(computerName(3));
        String changed = BitLockerDirectory.validPassword();
        ldap.changePassword(ofFirst.get(0), changed);
        PASSWORDS.put(ofFirst.get(0), changed);
        addKey(computerName(4));
        addKey(computerName(5));
        ldap.addComputer(NEW);
        addKey(NEW);

        KeyImportRun sync = admin.call(() -> runner.runNow(sourceId, false, PAGE, 0));
        assertTrue(sync.complete());
        assertFalse(sync.full());
        assertEquals(4, sync.counts().read(), "only the changed and the new objects were read");
        assertEquals(4, sync.counts().newKeys());
        assertEquals(1, sync.counts().computersCreated());
        List<RecoveryKey> keys = admin.call(() -> escrow.keysOf(device(computerName(3)).getId()));
        assertEquals(1, keys.stream().filter(k -> k.getState() == KeyState.SUPERSEDED).count(),
                "the old password is kept as history");
        RecoveryKey current = keys.stream().filter(k -> k.getState() == KeyState.CURRENT
                && k.getProtectorId().contains(ofFirst.get(0).toString().toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow();
        assertEquals(RecoveryPassword.parse(changed),
                admin.call(() -> vault.openRecoveryPassword(current.getSecretId())));
    }

    @Test
    @Order(5)
    @DisplayName("Objects deleted in AD keep their keys; the next full scan marks them removed from AD")
    void deletionsKeepKeys() throws Exception {
        List<UUID> deleted = new ArrayList<>(guidsOf(computerName(6)));
        deleted.addAll(guidsOf(computerName(7)));
        for (UUID guid : deleted) {
            ldap.delete(guid);
        }
        DELETED.addAll(deleted);
        KeyImportRun sync = admin.call(() -> runner.runNow(sourceId, false, PAGE, 0));
        assertEquals(0, sync.counts().removed(), "an incremental sync does not see deletions");

        KeyImportRun full = admin.call(() -> runner.runNow(sourceId, true, PAGE, 0));
        assertTrue(full.full() && full.complete());
        assertEquals(deleted.size(), full.counts().removed());
        assertEquals(0, full.counts().newKeys());
        for (String name : List.of(computerName(6), computerName(7))) {
            List<RecoveryKey> keys = admin.call(() -> escrow.keysOf(device(name).getId()));
            assertEquals(KEYS_PER_COMPUTER, keys.size(), "the keys are kept");
            assertTrue(keys.stream().allMatch(k -> k.getOriginRemovedAt() != null
                    && k.originNote().contains("; removed from AD at ")), keys.get(0).originNote());
        }
        assertTrue(admin.call(() -> escrow.keysOf(device(computerName(8)).getId())).stream()
                .allMatch(k -> k.getOriginRemovedAt() == null), "keys still in AD are not marked");
    }

    @Test
    @Order(6)
    @DisplayName("The agent registering from an imported computer joins its device: one device, its keys kept")
    void agentRegistrationJoinsTheImportedDevice() throws Exception {
        Device imported = device(computerName(9));
        // The directory holds the DNS name lower-cased, the agent reports it in capitals: the same computer.
        Device registered = fixture.registerWithDnsName(tenant, computerName(9),
                (computerName(9) + BitLockerDirectory.DNS_SUFFIX).toUpperCase(Locale.ROOT));
        assertEquals(imported.getId(), registered.getId(), "the agent's registration is the imported device");
        Device merged = admin.call(() -> devices.get(imported.getId()));
        assertEquals(DeviceState.APPROVED, merged.getState());
        assertTrue(merged.hasAgent());
        assertEquals(KEYS_PER_COMPUTER, admin.call(() -> escrow.keysOf(merged.getId())).size());
        assertEquals(1, admin.call(() -> devices.count(new DeviceListFilter(false, computerName(9),
                DeviceListFilter.Order.NAME, false))), "one device of that name");
        assertTrue(auditLog(merged.getName()).stream().anyMatch(r -> r.getAction().equals("device.registered")
                && r.getDetails().contains("joined the device imported from " + DIRECTORY_NAME)));
    }

    @Test
    @Order(7)
    @DisplayName("Another domain controller answers: a full scan reads every object again and seals nothing twice")
    void anotherDomainControllerMeansAFullScan() throws Exception {
        BitLockerDirectory dc2 = ldap.replica("DC2");
        admin.call(() -> directories.update(sourceId, DIRECTORY_NAME, settings(dc2.url()), null));
        ldap.close();
        ldap = dc2;
        long held = admin.call(() -> escrow.keysOf(device(computerName(1)).getId())).size();

        KeyImportRun scan = admin.call(() -> runner.runNow(sourceId, false, PAGE, 0));
        assertTrue(scan.ran() && scan.complete());
        assertTrue(scan.full(), "USNs of another controller mean nothing against the ones kept: a full scan");
        long valid = COMPUTER_OF.size() - DELETED.size();
        assertEquals(valid + 1, scan.counts().read(), "every object the replica holds, the invalid one included");
        assertEquals(valid, scan.counts().unchanged(), "every key is recognised as held");
        assertEquals(0, scan.counts().newKeys(), "nothing is sealed twice");
        assertEquals(0, scan.counts().computersCreated());
        assertEquals(0, scan.counts().removed(), "what was removed from AD before is not counted again");
        assertEquals(held, admin.call(() -> escrow.keysOf(device(computerName(1)).getId())).size());
        DirectoryKeyImport state = admin.call(() -> imports.find(sourceId)).orElseThrow();
        assertTrue(state.getDcIdentity().contains("CN=DC2"), state.getDcIdentity());
        assertTrue(auditRecords().stream().anyMatch(r -> r.getAction().equals(KeyImportBatch.RAN)
                && r.getDetails().contains("the domain controller changed from")), "the reason is in the audit log");

        KeyImportRun next = admin.call(() -> runner.runNow(sourceId, false, PAGE, 0));
        assertFalse(next.full(), "the next run against the same controller is incremental again");
        assertEquals(0, next.counts().read());
    }

    @Test
    @Order(99)
    @DisplayName("Clean-up: the directory source goes, with its import; the imported devices and keys stay")
    void cleanUp() throws Exception {
        admin.call(() -> {
            directories.remove(sourceId);
            return null;
        });
        ldap.close();
        assertTrue(admin.call(() -> imports.find(sourceId)).isEmpty());
        assertEquals(KEYS_PER_COMPUTER, admin.call(() -> escrow.keysOf(device(computerName(1)).getId())).size());
    }

    private void addKey(String computer) throws Exception {
        String password = BitLockerDirectory.validPassword();
        UUID guid = ldap.addRecoveryInformation(computer, password);
        PASSWORDS.put(guid, password);
        COMPUTER_OF.put(guid, computer);
    }

    /** The directory source for a {@link BitLockerDirectory} at {@code url}, as an administrator would add it. */
    static LdapSettings settings(String url) {
        return new LdapSettings(url, LdapSettings.Security.NONE, null, BitLockerDirectory.BIND_DN,
                BitLockerDirectory.BASE, BitLockerDirectory.BASE, "sAMAccountName",
                LdapSettings.Membership.MEMBER_WALK, LdapSettings.StableId.OBJECT_GUID, 10_000, 30_000);
    }

    private static List<UUID> guidsOf(String computer) {
        return COMPUTER_OF.entrySet().stream().filter(e -> e.getValue().equals(computer)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private Device device(String name) throws Exception {
        List<Device> named = admin.call(() -> devices.list(new DeviceListFilter(false, name,
                DeviceListFilter.Order.NAME, false), 0, 5)).stream()
                .filter(d -> d.getName().equals(name) && d.getDirectory().getTenant().getId().equals(tenant.getId()))
                .toList();
        assertEquals(1, named.size(), "one device named " + name);
        return named.get(0);
    }

    private List<AuditEvent> auditRecords() throws Exception {
        return auditLog(DIRECTORY_NAME);
    }

    private List<AuditEvent> auditLog(String targetName) throws Exception {
        return admin.call(() -> auditLog.search(new AuditFilter(null, null, null, targetName, null), 0, 50));
    }

    private static String computerName(int i) {
        return String.format("KIT%s-%04d", SUFFIX.substring(0, 4).toUpperCase(Locale.ROOT), i);
    }
}
