package org.ams.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ams.agent.bitlocker.BitLockerVolume;
import org.ams.agent.bitlocker.InMemoryVolumes;
import org.ams.agent.bitlocker.RecoveryPasswordProtector;
import org.ams.agent.identity.DeviceKey;
import org.ams.agent.state.RotationJournal;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.DeviceFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rotation phase of {@code simulate --rotation} against a server in memory: what it counts, and that it calls a
 * fleet converged only when every volume ends with exactly one new recovery password that the server holds.
 */
class IncidentRotationTest {

    private static final int DEVICES = 6;
    private static final int VOLUMES = 2;
    private static final String SERVER = "https://ams.test";

    private static EncryptionCredential certificate;

    private final SecureRandom random = new SecureRandom();
    private final List<SimulatedDevice> fleet = new ArrayList<>();
    private final Set<String> original = new HashSet<>();
    private FleetServer server;
    private ExecutorService pool;

    @BeforeAll
    static void serverCertificate() {
        certificate = EncryptionCertificates.generate("AMS test encryption", 2048, Duration.ofDays(30));
    }

    /** A fleet whose keys the server holds, as after the plain phase. */
    @BeforeEach
    void escrowedFleet() throws Exception {
        server = new FleetServer(certificate);
        pool = Executors.newFixedThreadPool(3);
        for (int i = 0; i < DEVICES; i++) {
            SimulatedDevice device = new SimulatedDevice("device-" + i, DeviceKey.generate(),
                    new DeviceFacts("SIM-" + i, null, "Simulated", "1", "test"),
                    InMemoryVolumes.encrypted(VOLUMES, random), RotationJournal.inMemory());
            server.of(device).uploadKeys(SimulateCommand.escrowRequest(device, new EnvelopeEncryptor(),
                    certificate.certificate()), "assertion");
            device.volumes().protectorIds().values().forEach(original::addAll);
            fleet.add(device);
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private IncidentRotation.Outcome rotate() throws InterruptedException {
        return new IncidentRotation(pool, Clock.systemUTC()).run(fleet, server::of, SERVER);
    }

    @Test
    @DisplayName("After the incident every device converges: one new recovery password per volume, held by the server")
    void everyDeviceConverges() throws Exception {
        server.rotateEverything();

        IncidentRotation.Outcome outcome = rotate();

        assertTrue(outcome.allConverged(), () -> String.join("\n", outcome.problems()));
        assertEquals(DEVICES * VOLUMES, outcome.completed());
        assertEquals(0, outcome.failed());
        assertEquals(DEVICES * VOLUMES, outcome.replacementKeys());
        assertEquals(DEVICES, outcome.replacementUploads().count(), "one upload per device, carrying all its replacements");
        assertEquals(2 * DEVICES, outcome.checkIns().count(), "one check-in that asks, one that reports");
        for (SimulatedDevice device : fleet) {
            for (List<String> ids : device.volumes().protectorIds().values()) {
                assertEquals(1, ids.size());
                assertFalse(original.contains(ids.get(0)), "the original protector was replaced");
            }
        }
        assertTrue(outcome.keysPerSecond() > 0);
    }

    @Test
    @DisplayName("A replacement the server could not take for a while is uploaded again at the next check-in")
    void temporaryFailuresAreResumed() throws Exception {
        server.rotateEverything();
        // However the three fall among the devices, even all on one, its check-ins suffice (the one that asks fails,
        // two more fail, one uploads, one reports).
        server.unavailableReplacementUploads = 3;

        IncidentRotation.Outcome outcome = rotate();

        assertTrue(outcome.allConverged(), () -> String.join("\n", outcome.problems()));
        assertEquals(DEVICES * VOLUMES, outcome.completed());
        assertEquals(3, outcome.replacementUploads().failures());
        assertEquals(DEVICES * VOLUMES, outcome.replacementKeys());
    }

    @Test
    @DisplayName("Replacements refused as a whole are sent again one by one, each getting its own answer")
    void aRefusedBatchIsSentOneByOne() throws Exception {
        server.rotateEverything();
        server.refusedReplacementBatches = 1;

        IncidentRotation.Outcome outcome = rotate();

        assertTrue(outcome.allConverged(), () -> String.join("\n", outcome.problems()));
        assertEquals(DEVICES * VOLUMES, outcome.completed());
        assertEquals(0, outcome.failed());
        assertEquals(1, outcome.replacementUploads().failures(), "the one batch refused");
        assertEquals(DEVICES + VOLUMES, outcome.replacementUploads().count(),
                "one upload per device, and one per replacement of the device whose upload was refused");
    }

    @Test
    @DisplayName("Devices the server never asked to rotate have not converged, and the command says why")
    void withoutTheIncidentNothingConverges() throws Exception {
        IncidentRotation.Outcome outcome = rotate();

        assertFalse(outcome.allConverged());
        assertEquals(0, outcome.converged());
        assertEquals(0, outcome.completed());
        assertEquals(0, outcome.replacementKeys());
        assertEquals(IncidentRotation.PROBLEMS_LISTED, outcome.problems().size(), "the first few are described");
        assertTrue(outcome.problems().get(0).contains("was not replaced"), outcome.problems().get(0));
    }

    @Test
    @DisplayName("Rejected replacements are counted as failed rotations; the volumes keep two keys, so no convergence")
    void rejectedReplacementsFail() throws Exception {
        server.rotateEverything();
        server.rejectReplacements = true;

        IncidentRotation.Outcome outcome = rotate();

        assertEquals(0, outcome.converged());
        assertEquals(0, outcome.completed());
        assertEquals(DEVICES * VOLUMES, outcome.failed());
        String problems = String.join("\n", outcome.problems());
        assertTrue(problems.contains("has 2 recovery passwords, not 1"), problems);
        for (SimulatedDevice device : fleet) {
            for (BitLockerVolume volume : device.volumes().volumes()) {
                for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
                    assertFalse(problems.contains(new String(protector.password())), "no password is printed");
                }
            }
        }
    }

    @Test
    @DisplayName("A device whose keys the server does not hold as current has not converged")
    void serverMustHoldWhatTheDeviceHas() throws Exception {
        SimulatedDevice device = fleet.get(0);
        List<String> onDevice = device.volumes().protectorIds().values().stream().flatMap(List::stream).toList();

        assertEquals("the server holds [] as current, the device has " + new HashSet<>(onDevice),
                IncidentRotation.convergence(device, Set.of(), new CheckInResponse("APPROVED", null, null, List.of(),
                        List.of())).orElseThrow());
        assertTrue(IncidentRotation.convergence(device, Set.of(), new CheckInResponse("APPROVED", null, null,
                onDevice, List.of())).isEmpty());
        assertEquals("the server still asks to rotate " + List.of(onDevice.get(0)), IncidentRotation.convergence(
                device, Set.of(), new CheckInResponse("APPROVED", null, null, onDevice, List.of(onDevice.get(0))))
                .orElseThrow());
    }
}
