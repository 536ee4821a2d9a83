package org.ams.agent.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ams.agent.bitlocker.RecordingPowerShell;
import org.ams.agent.bitlocker.Recordings;
import org.ams.agent.bitlocker.VolumeReadException;
import org.ams.agent.bitlocker.WindowsVolumeSource;
import org.ams.agent.state.PendingRotation;
import org.ams.agent.state.RotationJournalFile;
import org.ams.agent.state.Rotations;
import org.ams.agent.transport.AgentApiException;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.RotationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rotation on Windows, step by step: the exact WMI calls the agent makes through PowerShell and the server calls
 * between them, for a rotation that succeeds and for a failure at each step.
 */
class KeyRotationTest {

    private static final DeviceFacts DEVICE = new DeviceFacts("PC-1", "pc-1.example", "Windows 11", "10.0", "test");
    private static final String VOLUME = "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\";
    private static final String OLD = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";
    private static final String OLD_PASSWORD = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String CHECK_IN = "server:check-in";
    private static final String UPLOAD = "server:upload";
    private static final String READ_VOLUMES = "powershell:" + RecordingPowerShell.READ_VOLUMES;
    private static final String ADD = "powershell:" + RecordingPowerShell.ADD;
    private static final String READ = "powershell:" + RecordingPowerShell.READ;
    private static final String TYPE = "powershell:" + RecordingPowerShell.TYPE;
    private static final String DELETE = "powershell:" + RecordingPowerShell.DELETE;

    private static EncryptionCredential certificate;

    private Path directory;
    private final List<String> events = new ArrayList<>();
    private final StringWriter logged = new StringWriter();
    private RotatingServer server;
    private RecordingPowerShell powerShell;

    @BeforeAll
    static void serverCertificate() {
        certificate = EncryptionCertificates.generate("AMS test encryption", 2048, Duration.ofDays(30));
    }

    @BeforeEach
    void device(@org.junit.jupiter.api.io.TempDir Path temp) {
        directory = temp;
        server = new RotatingServer(certificate, events);
        server.hold(OLD, OLD_PASSWORD);
        server.requested.add(OLD);
        powerShell = new RecordingPowerShell(events, Recordings.read(Recordings.SINGLE_VOLUME_OBJECT));
    }

    @Test
    @DisplayName("add, read, upload with replacesProtectorId, check the type, delete; the result at the next check-in")
    void aRotationCallsExactlyThisSequence() throws Exception {
        cycle();

        assertEquals(List.of(READ_VOLUMES, CHECK_IN, ADD, READ, UPLOAD, TYPE, DELETE), events);
        List<RecordingPowerShell.Call> calls = powerShell.calls();
        assertEquals(VOLUME, calls.get(1).volumeId());
        assertEquals(powerShell.newProtectorId(), calls.get(2).protectorId(), "the password of the new protector");
        assertEquals(OLD, calls.get(3).protectorId(), "the type of the protector to replace");
        assertEquals(OLD, calls.get(4).protectorId(), "deletes the protector it was asked to replace");
        ProtectorKey replacement = server.replacements.get(0);
        assertEquals(powerShell.newProtectorId(), replacement.protectorId());
        assertEquals(OLD, replacement.replacesProtectorId());
        assertEquals(powerShell.newPassword(), server.held.get(powerShell.newProtectorId()));
        assertTrue(server.reports.isEmpty(), "reported at the next check-in, not before");

        events.clear();
        cycle();

        assertEquals(List.of(READ_VOLUMES, CHECK_IN), events, "nothing more to do once the server has the result");
        RotationResult result = server.results.get(OLD);
        assertEquals(RotationResult.DONE, result.outcome());
        assertEquals(powerShell.newProtectorId(), result.newProtectorId());
        assertNull(result.failedStep());
        assertNotNull(java.time.Instant.parse(result.completedAt()));
        assertEquals(Rotations.NONE, journal().load(), "a reported result is forgotten");
        assertFalse(logged.toString().contains(powerShell.newPassword()), "the log never shows a password");
    }

    @Test
    @DisplayName("The sealed key and the new protector id are on disk before the upload; the password is not")
    void theEnvelopeIsPersistedBeforeTheUpload() throws Exception {
        List<PendingRotation> seenAtUpload = new ArrayList<>();
        List<String> journalText = new ArrayList<>();
        server.hook = moment -> {
            if (moment.equals("before upload handled")) {
                try {
                    seenAtUpload.addAll(journal().load().pending());
                    journalText.add(Files.readString(directory.resolve("rotations.json")));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        cycle();

        PendingRotation pending = seenAtUpload.get(0);
        assertEquals(PendingRotation.Phase.SEALED, pending.phase());
        assertEquals(powerShell.newProtectorId(), pending.newProtectorId());
        assertEquals(server.lastEnvelope, pending.envelope(), "the upload sends the persisted envelope");
        assertEquals(EncryptionCertificates.thumbprintSha256(certificate.certificate()), pending.certificateSha256());
        assertFalse(journalText.get(0).contains(powerShell.newPassword()), "no plaintext on disk");
        assertFalse(journalText.get(0).replace("-", "").contains(powerShell.newPassword().replace("-", "")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve("rotations.json"))), "readable by the agent only");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("ProtectKeyWithNumericalPassword refused (FVE_E_LOCKED_VOLUME)",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.refuse(RecordingPowerShell.ADD, 0x80310000L),
                        List.of(ADD), RotationResult.STEP_ADD, "0x80310000", false),
                Arguments.of("PowerShell fails to start for the add",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.answer(RecordingPowerShell.ADD, () -> {
                            throw new VolumeReadException("Cannot start powershell.exe: not found");
                        }), List.of(ADD), RotationResult.STEP_ADD, "Cannot start powershell.exe", false),
                Arguments.of("GetKeyProtectorNumericalPassword refused (E_INVALIDARG)",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.refuse(RecordingPowerShell.READ, 0x80070057L),
                        List.of(ADD, READ), RotationResult.STEP_READ, "0x80070057", true),
                Arguments.of("the new password fails the checksum",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.newPassword(
                                "123456-123456-123456-123456-123456-123456-123456-123456"),
                        List.of(ADD, READ), RotationResult.STEP_READ, "checksum", true),
                Arguments.of("the server refuses a replacement it did not ask for",
                        (Consumer<KeyRotationTest>) t -> t.server.refuseUploads = new AgentApiException(409,
                                ProtectorKey.ROTATION_NOT_REQUESTED, "No rotation was requested for this protector."),
                        List.of(ADD, READ, UPLOAD), RotationResult.STEP_UPLOAD, "ROTATION_NOT_REQUESTED", true),
                Arguments.of("the server rejects the new key",
                        (Consumer<KeyRotationTest>) t -> t.server.rejectUploads = "does not open",
                        List.of(ADD, READ, UPLOAD), RotationResult.STEP_UPLOAD, "does not open", true),
                Arguments.of("GetKeyProtectorType refused (E_INVALIDARG)",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.refuse(RecordingPowerShell.TYPE, 0x80070057L),
                        List.of(ADD, READ, UPLOAD, TYPE), RotationResult.STEP_DELETE, "0x80070057", true),
                Arguments.of("the protector to replace is a TPM protector",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.answer(RecordingPowerShell.TYPE,
                                () -> "{\"volumeFound\":true,\"returnValue\":0,\"keyProtectorType\":1}"),
                        List.of(ADD, READ, UPLOAD, TYPE), RotationResult.STEP_DELETE, "type 1", true),
                Arguments.of("DeleteKeyProtector refused (FVE_E_VOLUME_BOUND_ALREADY)",
                        (Consumer<KeyRotationTest>) t -> t.powerShell.refuse(RecordingPowerShell.DELETE,
                                0x8031001FL), List.of(ADD, READ, UPLOAD, TYPE, DELETE), RotationResult.STEP_DELETE,
                        "0x8031001F", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    @DisplayName("A failure at any step stops the rotation there, deletes nothing it should not, and is reported")
    void aFailureStopsTheRotationAndIsReported(String name, Consumer<KeyRotationTest> failure,
                                               List<String> stepsAfterCheckIn, String failedStep, String reason,
                                               boolean added) throws Exception {
        failure.accept(this);

        cycle();

        List<String> expected = new ArrayList<>(List.of(READ_VOLUMES, CHECK_IN));
        expected.addAll(stepsAfterCheckIn);
        assertEquals(expected, events);
        if (!stepsAfterCheckIn.contains(TYPE)) {
            assertFalse(events.contains(DELETE), "nothing is deleted before the server acknowledged the new key");
        }
        List<RotationResult> unreported = journal().load().unreported();
        assertEquals(1, unreported.size());
        assertTrue(journal().load().pending().isEmpty(), "a refusal is not retried blindly");

        events.clear();
        cycle();

        RotationResult result = server.results.get(OLD);
        assertEquals(RotationResult.FAILED, result.outcome());
        assertEquals(failedStep, result.failedStep());
        assertTrue(result.reason().contains(reason), result.reason());
        assertEquals(added ? powerShell.newProtectorId() : null, result.newProtectorId());
        assertFalse(events.contains(ADD) || events.contains(DELETE), "the server stopped asking; nothing retried");
        assertFalse(result.reason().contains(OLD_PASSWORD) || logged.toString().contains(powerShell.newPassword()));
    }

    @Test
    @DisplayName("Server unreachable during the upload: nothing deleted; the next cycle sends the same sealed key")
    void anUnreachableServerGetsTheSameKeyLater() throws Exception {
        server.refuseUploads = new AgentApiException("Cannot reach the AMS server", new java.io.IOException("down"));

        AgentApiException failed = assertThrows(AgentApiException.class, this::cycle);

        assertTrue(failed.transientFailure());
        assertEquals(List.of(READ_VOLUMES, CHECK_IN, ADD, READ, UPLOAD), events);
        PendingRotation pending = journal().load().pending().get(0);
        assertEquals(PendingRotation.Phase.SEALED, pending.phase());

        server.refuseUploads = null;
        events.clear();
        powerShell = new RecordingPowerShell(events, withProtector(powerShell.newProtectorId()));
        cycle();

        assertEquals(List.of(READ_VOLUMES, CHECK_IN, UPLOAD, TYPE, DELETE), events, "no second protector");
        assertEquals(pending.envelope(), server.lastEnvelope, "the very envelope persisted before");
    }

    /** The recorded volume as BitLocker lists it after the add: the old protector and the new one. */
    private String withProtector(String protectorId) {
        return "[{\"mountPoint\":\"C:\",\"volumeId\":\"\\\\\\\\?\\\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\\\\","
                + "\"volumeType\":0,\"conversionStatus\":1,\"protectionStatus\":1,\"recoveryPasswords\":["
                + "{\"protectorId\":\"" + OLD + "\",\"recoveryPassword\":\"" + OLD_PASSWORD + "\"},"
                + "{\"protectorId\":\"" + protectorId + "\",\"recoveryPassword\":\"" + powerShell.newPassword()
                + "\"}]}]";
    }

    private void cycle() throws Exception {
        int[] count = {0};
        new EscrowCycle(server, new WindowsVolumeSource(powerShell), new EnvelopeEncryptor(), journal(),
                new AgentLog(new PrintWriter(logged), Clock.systemUTC()), Clock.systemUTC())
                .run(DEVICE, () -> "assertion-" + (++count[0]));
    }

    private RotationJournalFile journal() {
        return new RotationJournalFile(directory);
    }
}
