package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.ams.agents.AgentSupport;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CertificateState;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.KeyStorage;
import org.ams.crypto.SealedSecret;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.KeyState;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.Rotations;
import org.ams.identity.local.LocalGroup;
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
 * A key rotation interrupted on the server's side, end to end with the real agent jar (each device's volumes file is
 * its simulated BitLocker), the agent held still between sealing the new key and uploading it ({@link PausedAgent}):
 * <ul>
 *   <li>the server stops (a real stop of its process) during the upload and starts again on the same database: the
 *       agent keeps both protectors, then sends the very key it sealed, and deletes the old protector only after;</li>
 *   <li>the administrator rotates the encryption certificate: the agent uploads a key sealed to the old certificate,
 *       which the server opens and re-seals to the new one;</li>
 *   <li>the administrator rotates the certificate and retires the old one: the server refuses the key as sealed to a
 *       certificate it no longer holds, and the agent seals it again at its next check-in.</li>
 * </ul>
 * Each device ends with exactly one recovery password on its volume, held by AMS (the old key history, replaced by
 * it) and shown to the helpdesk. Uses the shared server and restarts it once (about half a minute): cheaper than a
 * server of its own, and as real a restart.
 * <p>
 * In-container methods set up and read the server through its services; client methods ({@link RunAsClient}) drive
 * the agents and the browser through {@link KeyRotationOutageClient}.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationOutageIT {

    private static final String USER = "rotout";
    private static final String PASSWORD = "Rotout-Helpdesk-2026";
    private static final String TEAM = "Rotation outage desk";
    private static final String TENANT = "Rotation outage IT";
    private static final String REASON = "Ticket 9002: checking the replaced recovery password";
    /** The server stops during its upload. */
    private static final String RESTARTED = "ROT-OUTAGE-1";
    /** The certificate is rotated before its upload; the old one stays available. */
    private static final String CERTIFICATE_ROTATED = "ROT-OUTAGE-2";
    /** The certificate is rotated and the old one retired before its upload. */
    private static final String CERTIFICATE_RETIRED = "ROT-OUTAGE-3";
    /** Active from the set-up; the server's restart happens under it. */
    private static final String FIRST = "AMS rotation outage IT first";
    /** Activated while {@link #CERTIFICATE_ROTATED}'s agent is held; retired while the next one's is. */
    private static final String SECOND = "AMS rotation outage IT second";
    private static final String THIRD = "AMS rotation outage IT third";

    @Inject
    private AsAdministrator admin;

    @Inject
    private HelpdeskTeam helpdeskTeam;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AgentSupport agentSupport;

    @Inject
    private EncryptionCertificateService certificates;

    @Inject
    private SecretVault vault;

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

    @Test
    @Order(1)
    @DisplayName("Set-up: a helpdesk account that reads the tenant's passwords, agent support, an active certificate")
    void setUp() throws Exception {
        as(() -> {
            LocalGroup team = helpdeskTeam.create(USER, "Rotation Outage Helpdesk", PASSWORD, TEAM,
                    "Rotation outage tests");
            Tenant tenant = directory.createTenant(TENANT);
            rules.create(new RuleDefinition(RuleTarget.tenant(tenant.getId()), "Rotation outage desk reads "
                    + TENANT, true, null, List.of(AccessControlEntry.allow(team.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
            agentSupport.setEnabled(true);
            return null;
        });
        activateNew(FIRST);
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Set-up: three devices register with the real agent and escrow their one volume's password")
    void agentsEscrow() throws Exception {
        Map<String, String> devices = new LinkedHashMap<>();
        for (String device : List.of(RESTARTED, CERTIFICATE_ROTATED, CERTIFICATE_RETIRED)) {
            devices.put(device, TENANT);
        }
        KeyRotationOutageClient.registerAgents(base, devices);
    }

    @Test
    @Order(3)
    @DisplayName("Rotate now for each device")
    void rotateNow() throws Exception {
        for (String name : List.of(RESTARTED, CERTIFICATE_ROTATED, CERTIFICATE_RETIRED)) {
            Device device = device(name);
            assertEquals(1, as(() -> rotations.rotateDevice(device.getId())), name);
        }
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("The server stops during the upload and starts again: the same sealed key is sent, then the old deleted")
    void serverRestartsDuringTheUpload() throws Exception {
        KeyRotationOutageClient.serverStoppedDuringTheUpload(RESTARTED);
    }

    @Test
    @Order(5)
    @DisplayName("After the restart AMS holds the very envelope the agent sealed, as the one current key")
    void theSealedKeyIsHeldAfterTheRestart() throws Exception {
        RecoveryKey current = convergedKey(RESTARTED);
        SealedSecret secret = as(() -> vault.find(current.getSecretId())).orElseThrow();
        assertArrayEquals(Base64.getDecoder().decode(Files.readString(
                persistedEnvelopeFile(RESTARTED))), secret.getEnvelope(),
                "sent again unchanged, and kept as sent: it is sealed to the active certificate");
        assertEquals(certificate(FIRST).getId(), secret.getCertificate().getId());
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("The next device's agent adds and seals its new key, and is held before uploading it")
    void heldBeforeTheCertificateRotation() throws Exception {
        KeyRotationOutageClient.heldBeforeTheUpload(CERTIFICATE_ROTATED);
    }

    @Test
    @Order(7)
    @DisplayName("Meanwhile the administrator activates a new certificate; the old one stays available")
    void certificateRotated() throws Exception {
        activateNew(SECOND);
        assertEquals(CertificateState.AVAILABLE, certificate(FIRST).getState());
    }

    @Test
    @Order(8)
    @RunAsClient
    @DisplayName("The agent uploads the key sealed to the old certificate: stored, and the old protector deleted after")
    void uploadedToTheOldCertificate() throws Exception {
        KeyRotationOutageClient.uploadedToTheOldCertificate(CERTIFICATE_ROTATED);
    }

    @Test
    @Order(9)
    @DisplayName("AMS re-sealed it to the new active certificate and opens it")
    void resealedToTheNewCertificate() throws Exception {
        RecoveryKey current = convergedKey(CERTIFICATE_ROTATED);
        SealedSecret secret = as(() -> vault.find(current.getSecretId())).orElseThrow();
        assertEquals(certificate(SECOND).getId(), secret.getCertificate().getId());
        assertFalse(Files.readString(persistedEnvelopeFile(CERTIFICATE_ROTATED)).equals(
                Base64.getEncoder().encodeToString(secret.getEnvelope())), "not the envelope the agent sent");
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("The last device's agent adds and seals its new key, and is held before uploading it")
    void heldBeforeTheRetirement() throws Exception {
        KeyRotationOutageClient.heldBeforeTheUpload(CERTIFICATE_RETIRED);
    }

    @Test
    @Order(11)
    @DisplayName("Meanwhile the administrator activates another certificate and, once nothing is sealed to it, retires "
            + "the one the agent sealed to")
    void certificateRotatedAndRetired() throws Exception {
        activateNew(THIRD);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (as(() -> certificates.latestRotation()).map(rotation -> rotation.isRunning()).orElse(false)) {
            assertTrue(Instant.now().isBefore(deadline), "the re-encryption to " + THIRD + " did not finish");
            // The re-encryption runs in the background: nothing to be notified by.
            TimeUnit.MILLISECONDS.sleep(250);
        }
        UUID second = certificate(SECOND).getId();
        as(() -> {
            certificates.retire(second);
            return null;
        });
        assertEquals(CertificateState.RETIRED, certificate(SECOND).getState());
    }

    @Test
    @Order(12)
    @RunAsClient
    @DisplayName("The agent's upload is refused for its certificate; the rotation is kept and sealed again next time")
    void uploadedToARetiredCertificate() throws Exception {
        KeyRotationOutageClient.uploadedToARetiredCertificate(CERTIFICATE_RETIRED);
    }

    @Test
    @Order(13)
    @DisplayName("AMS holds the re-sealed key under the active certificate, the old one as history")
    void resealedByTheAgent() throws Exception {
        RecoveryKey current = convergedKey(CERTIFICATE_RETIRED);
        assertEquals(certificate(THIRD).getId(), as(() -> vault.find(current.getSecretId())).orElseThrow()
                .getCertificate().getId());
    }

    @Test
    @Order(14)
    @RunAsClient
    @DisplayName("The helpdesk is shown each volume's one recovery password")
    void eachVolumeOpens() throws Exception {
        KeyRotationOutageClient.eachVolumeOpens(USER, PASSWORD, List.of(RESTARTED, CERTIFICATE_ROTATED,
                CERTIFICATE_RETIRED), REASON);
    }

    /**
     * Where the in-container methods find the envelope the agent persisted for this device (a CMS envelope only the
     * server's certificate opens, never a password): the client and the server share the machine's temporary
     * directory.
     */
    static Path persistedEnvelopeFile(String device) {
        return Path.of(System.getProperty("java.io.tmpdir"), "key-rotation-outage-it-" + device + ".envelope");
    }

    /**
     * The device's one current key, which the vault opens; the old key history replaced by it, and the rotation done.
     */
    private RecoveryKey convergedKey(String name) throws Exception {
        Device device = device(name);
        List<RecoveryKey> keys = as(() -> escrow.keysOf(device.getId()));
        List<RecoveryKey> current = keys.stream().filter(k -> k.getState() == KeyState.CURRENT).toList();
        assertEquals(1, current.size(), name + ": " + keys);
        assertEquals(2, keys.size(), name + ": the new key stored once, the old one kept: " + keys);
        RecoveryKey old = keys.stream().filter(k -> k.getState() == KeyState.SUPERSEDED).findFirst().orElseThrow();
        assertEquals(current.get(0).getProtectorId(), old.getReplacedByProtectorId(), name);
        assertEquals(List.of(RotationRequest.State.DONE), as(() -> rotations.ofDevice(device.getId())).stream()
                .map(RotationRequest::getState).toList(), name);
        assertTrue(as(() -> vault.checkRecoveryPassword(current.get(0).getSecretId())).readable(), name);
        return current.get(0);
    }

    /** A new software certificate, backed up, made active; each step commits before the next. */
    private void activateNew(String name) throws Exception {
        UUID id = as(() -> certificates.generate(name, 2048, 1, KeyStorage.SOFTWARE)).getId();
        as(() -> certificates.exportPkcs12(id, "Rotation-outage-IT-backup".toCharArray()));
        as(() -> {
            certificates.activate(id);
            return null;
        });
    }

    private CertificateOverview certificate(String name) throws Exception {
        return as(() -> certificates.overview()).stream().filter(c -> c.getSubject().contains(name)).findFirst()
                .orElseThrow();
    }

    private Device device(String name) throws Exception {
        return as(directory::devices).stream().filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }
}
