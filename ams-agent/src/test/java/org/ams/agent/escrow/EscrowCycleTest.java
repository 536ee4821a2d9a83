package org.ams.agent.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.agent.ExitCodes;
import org.ams.agent.bitlocker.VolumesFile;
import org.ams.agent.bitlocker.Recordings;
import org.ams.agent.state.RotationJournal;
import org.ams.agent.transport.AgentApiException;
import org.ams.agent.transport.AgentServer;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeDecryptor;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.AgentPolicy;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.VolumeKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's side of one cycle, against an in-process stand-in for the server's agent API that decrypts what it
 * receives with the real private key. (The real server and agent jar meet in the integration tests.)
 */
class EscrowCycleTest {

    private static final DeviceFacts DEVICE = new DeviceFacts("PC-1", "pc-1.example", "Windows 11", "10.0", "test");
    private static EncryptionCredential server;

    @TempDir
    Path directory;

    private final StringWriter logged = new StringWriter();
    private final AgentLog log = new AgentLog(new PrintWriter(logged), Clock.systemUTC());

    @BeforeAll
    static void serverCertificate() throws Exception {
        server = EncryptionCertificates.generate("AMS test encryption", 2048, java.time.Duration.ofDays(30));
    }

    @Test
    @DisplayName("Approved device, full policy: every encrypted volume's passwords arrive sealed and intact")
    void escrowsEveryEncryptedVolume() throws Exception {
        FakeServer api = new FakeServer("APPROVED", new AgentPolicy(60, true, true, true), List.of());

        CycleResult result = cycle(api, Recordings.FOUR_VOLUMES);

        assertEquals(Map.of(
                "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}", "531058-303050-716078-383614-460922-106975-083446-139161",
                "{2C5D1F37-4B50-4C9F-AF3D-6E8B2A11D1EF}", "466895-217492-569250-069608-104434-135707-527241-083622",
                "{3D6E2048-5C61-4DA0-B04E-7F9C3B22E2F0}", "309540-054054-123915-625218-602910-100716-346984-130779",
                "{4E7F3159-6D72-4EB1-815F-80AD4C33F301}", "612062-085217-178486-321860-089188-571923-071489-318747"),
                api.received);
        assertEquals(List.of("OS", "FIXED", "REMOVABLE"), api.driveTypes);
        assertEquals(4, result.stored());
        assertEquals(2, api.assertionsSeen.size());
        assertEquals(4, api.inventory.size(), "the check-in lists every protector on the device");
        assertFalse(api.assertionsSeen.get(0).equals(api.assertionsSeen.get(1)), "one assertion per request");
    }

    @Test
    void thePolicyDecidesWhichDriveTypesAreSent() throws Exception {
        FakeServer api = new FakeServer("APPROVED", new AgentPolicy(60, true, false, false), List.of());

        cycle(api, Recordings.FOUR_VOLUMES);

        assertEquals(List.of("OS"), api.driveTypes);
        assertEquals(1, api.received.size());
        assertEquals(4, api.inventory.size(), "the inventory covers drive types the policy does not back up");
    }

    @Test
    void protectorsTheServerHoldsAreNotSentAgain() throws Exception {
        FakeServer api = new FakeServer("APPROVED", new AgentPolicy(60, true, true, true),
                List.of("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}", "{2C5D1F37-4B50-4C9F-AF3D-6E8B2A11D1EF}",
                        "{3D6E2048-5C61-4DA0-B04E-7F9C3B22E2F0}", "{4E7F3159-6D72-4EB1-815F-80AD4C33F301}"));

        CycleResult result = cycle(api, Recordings.FOUR_VOLUMES);

        assertEquals(0, api.uploads);
        assertEquals(4, result.alreadyHeld());
    }

    @Test
    void aPendingDeviceUploadsNothing() throws Exception {
        FakeServer api = new FakeServer("PENDING", new AgentPolicy(60, true, true, true), List.of());

        CycleResult result = cycle(api, Recordings.FOUR_VOLUMES);

        assertEquals(0, api.uploads);
        assertEquals("PENDING", result.deviceState());
    }

    @Test
    @DisplayName("A password failing the checksum is reported by protector id, never by value, and not sent")
    void invalidPasswordsAreReportedByProtectorIdOnly() throws Exception {
        String json = Recordings.read(Recordings.FOUR_VOLUMES)
                .replace("531058-303050-716078-383614-460922-106975-083446-139161",
                        "123456-123456-123456-123456-123456-123456-123456-123456");
        FakeServer api = new FakeServer("APPROVED", new AgentPolicy(60, true, true, true), List.of());

        CycleResult result = new EscrowCycle(api, new VolumesFile(Files.writeString(directory.resolve("v.json"),
                json)), new EnvelopeEncryptor(), RotationJournal.inMemory(), log, Clock.systemUTC())
                .run(DEVICE, new Counter()::next);

        assertEquals(1, result.invalid());
        assertEquals(3, api.received.size());
        assertFalse(api.received.containsKey("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}"));
        assertTrue(logged.toString().contains("protector {1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}"), logged.toString());
        assertFalse(logged.toString().contains("123456"), "the log never shows a password");
    }

    @Test
    @DisplayName("Volume ids and mount points the server would refuse: that volume is skipped or sent without its "
            + "mount point, the others still go")
    void volumeIdsAndMountPointsFollowTheServersRule() throws Exception {
        String json = Recordings.read(Recordings.FOUR_VOLUMES)
                .replace("\\\\\\\\?\\\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\\\", "C:'; drop table x; --")
                .replace("\"mountPoint\":\"D:\"", "\"mountPoint\":\"D:\\\\Mounts\\\\Data\\\\\"")
                .replace("\"mountPoint\":\"E:\"", "\"mountPoint\":\"E:/*\"");
        FakeServer api = new FakeServer("APPROVED", new AgentPolicy(60, true, true, true), List.of());

        CycleResult result = new EscrowCycle(api, new VolumesFile(Files.writeString(directory.resolve("v.json"),
                json)), new EnvelopeEncryptor(), RotationJournal.inMemory(), log, Clock.systemUTC())
                .run(DEVICE, new Counter()::next);

        assertEquals(1, result.invalid(), "the OS volume's one password could not be escrowed");
        assertEquals(List.of("FIXED", "REMOVABLE"), api.driveTypes);
        assertEquals(Arrays.asList("D:\\Mounts\\Data", null), api.mountPoints, "canonical, or left out");
        assertEquals(List.of("\\\\?\\Volume{5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d}\\",
                "\\\\?\\Volume{6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e}\\"), api.volumeIds);
        assertEquals(ExitCodes.INVALID_KEY, ExitCodes.of(result));
    }

    @Test
    @DisplayName("A volumes file with a mistyped recovery password: the cycle completes and check-in exits 65")
    void aBadChecksumMakesCheckInExitWithInvalidKey() throws Exception {
        String json = Recordings.read(Recordings.FOUR_VOLUMES)
                .replace("531058-303050-716078-383614-460922-106975-083446-139161",
                        "531058-303050-716078-383614-460922-106975-083446-139162");
        FakeServer api = new FakeServer("APPROVED", new AgentPolicy(60, true, true, true), List.of());

        CycleResult result = new EscrowCycle(api, new VolumesFile(Files.writeString(directory.resolve("v.json"),
                json)), new EnvelopeEncryptor(), RotationJournal.inMemory(), log, Clock.systemUTC())
                .run(DEVICE, new Counter()::next);

        assertEquals(ExitCodes.INVALID_KEY, ExitCodes.of(result));
        assertEquals(3, result.stored());
        assertTrue(result.summary().contains("1 invalid on this device"), result.summary());
        assertFalse(logged.toString().contains("139162") || result.summary().contains("139162"),
                "neither log nor summary shows the password");
    }

    @Test
    void validPasswordsMakeCheckInExitZero() throws Exception {
        CycleResult result = cycle(new FakeServer("APPROVED", new AgentPolicy(60, true, true, true), List.of()),
                Recordings.FOUR_VOLUMES);

        assertEquals(ExitCodes.OK, ExitCodes.of(result));
    }

    private CycleResult cycle(FakeServer api, String recording) throws Exception {
        Path file = Files.writeString(directory.resolve("volumes.json"), Recordings.read(recording));
        return new EscrowCycle(api, new VolumesFile(file), new EnvelopeEncryptor(), RotationJournal.inMemory(), log,
                Clock.systemUTC())
                .run(DEVICE, new Counter()::next);
    }

    private static final class Counter {
        private int count;

        String next() {
            return "assertion-" + (++count);
        }
    }

    /** Answers like the agent API and opens each envelope with the server's private key. */
    private static final class FakeServer implements AgentServer {
        private final String state;
        private final AgentPolicy policy;
        private final List<String> held;
        private final Map<String, String> received = new HashMap<>();
        private final List<String> driveTypes = new ArrayList<>();
        private final List<String> mountPoints = new ArrayList<>();
        private final List<String> volumeIds = new ArrayList<>();
        private final List<String> assertionsSeen = new ArrayList<>();
        private List<String> inventory;
        private int uploads;

        FakeServer(String state, AgentPolicy policy, List<String> held) {
            this.state = state;
            this.policy = policy;
            this.held = held;
        }

        @Override
        public CheckInResponse checkIn(CheckInRequest request, String assertion) throws AgentApiException {
            assertionsSeen.add(assertion);
            inventory = request.protectorIds();
            try {
                // No rotateProtectorIds, as a server that predates rotation answers: the agent rotates nothing.
                return new CheckInResponse(state, policy,
                        Base64.getEncoder().encodeToString(server.certificate().getEncoded()), held, null);
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new AgentApiException(e.getMessage(), e);
            }
        }

        @Override
        public KeyUploadResponse uploadKeys(KeyUploadRequest request, String assertion) throws AgentApiException {
            assertionsSeen.add(assertion);
            uploads++;
            List<ProtectorResult> results = new ArrayList<>();
            for (VolumeKeys volume : request.volumes()) {
                driveTypes.add(volume.driveType());
                mountPoints.add(volume.mountPoint());
                volumeIds.add(volume.volumeId());
                for (ProtectorKey key : volume.protectors()) {
                    try {
                        RecoveryPassword password = new EnvelopeDecryptor().openRecoveryPassword(
                                Base64.getDecoder().decode(key.envelope()), server.privateKey(), server.certificate());
                        received.put(key.protectorId(), password.formatted());
                        results.add(new ProtectorResult(key.protectorId(), ProtectorResult.STORED, null));
                    } catch (Exception e) {
                        results.add(new ProtectorResult(key.protectorId(), ProtectorResult.REJECTED, e.getMessage()));
                    }
                }
            }
            return new KeyUploadResponse(results);
        }
    }
}
