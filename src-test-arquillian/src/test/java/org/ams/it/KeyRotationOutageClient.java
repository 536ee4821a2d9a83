package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ams.agent.state.PendingRotation;
import org.ams.agent.state.RotationJournalFile;
import org.ams.it.server.SharedPayaraMicro;

/**
 * The client side of {@link KeyRotationOutageIT}: the real agent held still ({@link PausedAgent}) after it added the
 * new protector and persisted its sealed password, just before the upload, while the test stops the server or the
 * administrator rotates the encryption certificate; then let go. The devices are registered and shown through
 * {@link KeyRotationClient}.
 */
final class KeyRotationOutageClient {

    /** The agent's step 3: the upload of the sealed replacement. */
    private static final String KEY_ROTATION = "org.ams.agent.escrow.KeyRotation";
    private static final String UPLOAD = "upload";

    /** The agent run held before its upload, between the client methods of the test. */
    private static PausedAgent held;

    private KeyRotationOutageClient() {
    }

    /**
     * The device's next check-in starts the rotation the server asked for and is held at the upload: BitLocker holds
     * the old protector and the new one, and the journal the sealed new password.
     */
    static void heldBeforeTheUpload(String device) throws Exception {
        Set<String> before = KeyRotationClient.onDevice(device).keySet();
        held = PausedAgent.checkInStoppedAt(KeyRotationClient.agent(device), KeyRotationClient.volumesFile(device),
                KEY_ROTATION, UPLOAD);
        PendingRotation sealed = pending(device);
        assertEquals(PendingRotation.Phase.SEALED, sealed.phase());
        assertEquals(before, Set.of(sealed.replacedProtectorId()), "the server asked for the volume's one protector");
        assertEquals(Set.of(sealed.replacedProtectorId(), sealed.newProtectorId()),
                KeyRotationClient.onDevice(device).keySet(), "the new protector added beside the old one");
        Files.writeString(KeyRotationOutageIT.persistedEnvelopeFile(device), sealed.envelope());
    }

    /**
     * The server stops while the agent is held before its upload, and the agent goes on: nothing answers, so it exits
     * with "try later" (75) and keeps both protectors and the same sealed key. The server starts again on the same
     * database; the agent's next check-in sends that very key (no second new protector), deletes the old protector
     * once the server holds the new one, and the check-in after reports it done.
     */
    static void serverStoppedDuringTheUpload(String device) throws Exception {
        heldBeforeTheUpload(device);
        PendingRotation sealed = pending(device);
        AgentProcess.Result unanswered;
        SharedPayaraMicro.stopServer();
        try {
            awaitNothingListening(URI.create(AgentDevice.server()));
            unanswered = held.resume();
        } finally {
            SharedPayaraMicro.startServer();
        }
        assertEquals(75, unanswered.exitCode(), "a temporary failure: " + unanswered.output());
        assertTrue(unanswered.output().contains("sent again at the next check-in"), unanswered.output());
        assertEquals(sealed, pending(device), "the same new protector and sealed key, still to be uploaded");
        assertEquals(Set.of(sealed.replacedProtectorId(), sealed.newProtectorId()),
                KeyRotationClient.onDevice(device).keySet(), "nothing deleted while the server does not hold it");

        convergesTo(device, sealed.newProtectorId());
    }

    /**
     * The held agent goes on after the administrator rotated the certificate: it uploads the key sealed to the
     * certificate that was active at its check-in. The server still opens envelopes to a certificate it holds, so
     * the rotation ends in this very run.
     */
    static void uploadedToTheOldCertificate(String device) throws Exception {
        PendingRotation sealed = pending(device);

        KeyRotationClient.assertSucceeded(held.resume(), "1 rotated");

        assertEquals(Set.of(sealed.newProtectorId()), KeyRotationClient.onDevice(device).keySet());
        KeyRotationClient.assertSucceeded(KeyRotationClient.checkIn(device), "nothing new to escrow");
    }

    /**
     * The held agent goes on after the administrator rotated the certificate and retired the one it sealed to: the
     * server refuses the envelope as sealed to a certificate it no longer holds, and the agent neither gives the
     * rotation up nor deletes anything. Its next check-in names the new certificate: the password is sealed again
     * from BitLocker, uploaded, and the old protector deleted.
     */
    static void uploadedToARetiredCertificate(String device) throws Exception {
        PendingRotation sealed = pending(device);

        AgentProcess.Result refused = held.resume();

        KeyRotationClient.assertSucceeded(refused, "0 rotated, 0 rotation(s) failed, 1 under way");
        assertTrue(refused.output().contains("no longer holds the certificate"), refused.output());
        assertEquals(sealed, pending(device), "kept as it was");
        assertEquals(Set.of(sealed.replacedProtectorId(), sealed.newProtectorId()),
                KeyRotationClient.onDevice(device).keySet(), "nothing deleted while the server does not hold it");

        convergesTo(device, sealed.newProtectorId());
    }

    /**
     * Stopping the server's process returns before the process has let go of its port, and a server shutting down
     * may still answer: the agent goes on only once nothing listens there.
     */
    private static void awaitNothingListening(URI server) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 1_000);
            } catch (IOException refused) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "the stopped server still listens on " + server);
            // Polling a separate process: there is nothing to be notified by.
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** The device's next check-in finishes the rotation with this protector; the one after has nothing to do. */
    private static void convergesTo(String device, String newProtectorId) throws Exception {
        KeyRotationClient.assertSucceeded(KeyRotationClient.checkIn(device), "1 rotated");
        assertEquals(Set.of(newProtectorId), KeyRotationClient.onDevice(device).keySet(),
                "exactly one recovery password, the one added first");
        assertTrue(journal(device).load().pending().isEmpty());
        KeyRotationClient.assertSucceeded(KeyRotationClient.checkIn(device), "nothing new to escrow");
        assertTrue(journal(device).load().unreported().isEmpty(), "the result reported");
    }

    /** The helpdesk user is shown each device's one current recovery password: the one on its volume. */
    static void eachVolumeOpens(String user, String password, List<String> devices, String reason) throws Exception {
        for (String device : devices) {
            KeyRotationClient.currentPasswordIsTheDevices(user, password, device, reason);
        }
    }

    private static PendingRotation pending(String device) throws Exception {
        List<PendingRotation> pending = journal(device).load().pending();
        assertEquals(1, pending.size(), device + ": one rotation under way");
        assertFalse(pending.get(0).newProtectorId() == null, "a new protector was added");
        return pending.get(0);
    }

    private static RotationJournalFile journal(String device) {
        return new RotationJournalFile(KeyRotationClient.agent(device).dataDirectory());
    }

    /** Starts the browser against the shared server and registers the devices' agents in their tenant. */
    static void registerAgents(java.net.URL base, Map<String, String> devices) throws Exception {
        KeyRotationClient.start(base);
        KeyRotationClient.registerAgents(devices);
    }
}
