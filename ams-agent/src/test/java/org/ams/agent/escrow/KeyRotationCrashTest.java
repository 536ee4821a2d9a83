package org.ams.agent.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ams.agent.bitlocker.BitLockerVolume;
import org.ams.agent.bitlocker.KeyProtectorException;
import org.ams.agent.bitlocker.Recordings;
import org.ams.agent.bitlocker.RecoveryPasswordProtector;
import org.ams.agent.bitlocker.VolumeReadException;
import org.ams.agent.bitlocker.VolumeSource;
import org.ams.agent.bitlocker.VolumesFile;
import org.ams.agent.state.PendingRotation;
import org.ams.agent.state.RotationJournal;
import org.ams.agent.state.RotationJournalFile;
import org.ams.agent.state.Rotations;
import org.ams.agent.transport.AgentApiException;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.RotationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the rotation with the volumes file as BitLocker: the agent is stopped at every point between two
 * steps (BitLocker calls, journal writes, and the server's handling of each call, before and after it stored), then
 * restarted from what is on disk. Whatever the point, the device ends with exactly one recovery password on the
 * volume, the server holds it, the old one was deleted only once the server held the new one, and only one new
 * protector was ever added for the request.
 */
class KeyRotationCrashTest {

    private static final DeviceFacts DEVICE = new DeviceFacts("PC-1", "pc-1.example", "Windows 11", "10.0", "test");
    private static final String C_DRIVE = "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\";
    private static final String OLD = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";
    /** The first recovery-password protector of the fixed drive D:. */
    private static final String D_FIRST = "{2C5D1F37-4B50-4C9F-AF3D-6E8B2A11D1EF}";
    private static final String TPM = "{0A0B0C0D-1111-4222-8333-444455556666}";

    private static EncryptionCredential certificate;

    @TempDir
    Path root;

    private final StringWriter logged = new StringWriter();

    @BeforeAll
    static void serverCertificate() {
        certificate = EncryptionCertificates.generate("AMS test encryption", 2048, Duration.ofDays(30));
    }

    /** The agent process dying at a chosen point: nothing after it runs, only what is on disk survives. */
    private static final class Crash extends RuntimeException {
        Crash(String where) {
            super("stopped " + where);
        }
    }

    /** Counts the points a run passes and stops it at the n-th one, or at the first one of a given name. */
    private static final class Crashpoints {
        private final int stopAt;
        private final String stopWhere;
        private int passed;
        private final List<String> names = new ArrayList<>();

        Crashpoints(int stopAt) {
            this(stopAt, null);
        }

        private Crashpoints(int stopAt, String stopWhere) {
            this.stopAt = stopAt;
            this.stopWhere = stopWhere;
        }

        static Crashpoints named(String moment) {
            return new Crashpoints(0, moment);
        }

        void at(String where) {
            passed++;
            names.add(where);
            if (passed == stopAt || where.equals(stopWhere)) {
                throw new Crash(where);
            }
        }

        Crashpoints disarmed() {
            return new Crashpoints(0);
        }
    }

    /** One device: its data directory, its volumes file, what the agent did to it, and its server. */
    private final class Device {
        final Path dataDirectory;
        final Path volumesFile;
        final RotatingServer server = new RotatingServer(certificate, new ArrayList<>());
        int adds;
        int reads;
        KeyProtectorException refuseDelete;
        /** What happens on the server at each moment of a call, before the crash points are counted. */
        RotatingServer.Hook onServer = moment -> { };

        Device(String name, String volumesJson) throws IOException, VolumeReadException {
            dataDirectory = Files.createDirectories(root.resolve(name));
            volumesFile = Files.writeString(dataDirectory.resolve("volumes.json"), volumesJson);
            for (BitLockerVolume volume : new VolumesFile(volumesFile).volumes()) {
                for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
                    server.hold(protector.protectorId(), new String(protector.password()));
                }
            }
            server.requested.add(OLD);
        }

        /** One start of the agent; a crash ends it like a killed process. */
        boolean run(Crashpoints crash) throws Exception {
            server.hook = moment -> {
                onServer.at(moment);
                crash.at(moment);
            };
            VolumeSource bitLocker = new CrashingBitLocker(this, new VolumesFile(volumesFile), crash);
            RotationJournal journal = new CrashingJournal(new RotationJournalFile(dataDirectory), crash);
            try {
                new EscrowCycle(server, bitLocker, new EnvelopeEncryptor(), journal,
                        new AgentLog(new PrintWriter(logged), Clock.systemUTC()), Clock.systemUTC())
                        .run(DEVICE, () -> "assertion");
                return false;
            } catch (Crash stopped) {
                return true;
            } finally {
                assertTheServerCanOpenTheVolume(crash);
            }
        }

        List<RecoveryPasswordProtector> cDrive() throws VolumeReadException {
            return new VolumesFile(volumesFile).volumes().get(0).recoveryPasswords();
        }

        /** The invariant at every moment: some recovery password on the volume is one the server holds. */
        void assertTheServerCanOpenTheVolume(Crashpoints crash) throws VolumeReadException {
            boolean opens = cDrive().stream().anyMatch(p -> new String(p.password()).equals(
                    server.held.get(p.protectorId())));
            assertTrue(opens, "after " + crash.names + " the server holds no password of the volume");
        }

        Rotations journal() throws IOException {
            return new RotationJournalFile(dataDirectory).load();
        }
    }

    /** The volumes file as BitLocker, with crash points around each change and the rule checked at each delete. */
    private static final class CrashingBitLocker implements VolumeSource {
        private final Device device;
        private final VolumesFile file;
        private final Crashpoints crash;

        CrashingBitLocker(Device device, VolumesFile file, Crashpoints crash) {
            this.device = device;
            this.file = file;
            this.crash = crash;
        }

        @Override
        public List<BitLockerVolume> volumes() throws VolumeReadException {
            return file.volumes();
        }

        @Override
        public String addRecoveryPasswordProtector(String volumeId) throws KeyProtectorException {
            crash.at("before ProtectKeyWithNumericalPassword");
            String id = file.addRecoveryPasswordProtector(volumeId);
            device.adds++;
            crash.at("after ProtectKeyWithNumericalPassword");
            return id;
        }

        @Override
        public char[] recoveryPassword(String volumeId, String protectorId) throws KeyProtectorException {
            crash.at("before GetKeyProtectorNumericalPassword");
            device.reads++;
            return file.recoveryPassword(volumeId, protectorId);
        }

        @Override
        public void deleteRecoveryPasswordProtector(String volumeId, String protectorId)
                throws KeyProtectorException {
            crash.at("before DeleteKeyProtector");
            try {
                boolean anotherHeld = device.cDrive().stream().anyMatch(p -> !p.protectorId().equals(protectorId)
                        && new String(p.password()).equals(device.server.held.get(p.protectorId())));
                assertTrue(anotherHeld, "deleting " + protectorId + " before the server held its replacement");
            } catch (VolumeReadException e) {
                throw new IllegalStateException(e);
            }
            if (device.refuseDelete != null) {
                throw device.refuseDelete;
            }
            file.deleteRecoveryPasswordProtector(volumeId, protectorId);
            crash.at("after DeleteKeyProtector");
        }
    }

    private static final class CrashingJournal implements RotationJournal {
        private final RotationJournal file;
        private final Crashpoints crash;

        CrashingJournal(RotationJournal file, Crashpoints crash) {
            this.file = file;
            this.crash = crash;
        }

        @Override
        public Rotations load() throws IOException {
            return file.load();
        }

        @Override
        public void save(Rotations rotations) throws IOException {
            crash.at("before saving " + describe(rotations));
            file.save(rotations);
            crash.at("after saving " + describe(rotations));
        }

        private static String describe(Rotations rotations) {
            return rotations.pending().stream().map(p -> p.phase().name()).toList() + " / "
                    + rotations.unreported().size() + " unreported";
        }
    }

    @Test
    @DisplayName("Stopped at any point, the agent converges to one recovery password the server holds")
    void convergesWhereverTheAgentIsStopped() throws Exception {
        int points = 0;
        for (int stopAt = 1; ; stopAt++) {
            Device device = new Device("stop-" + stopAt, Recordings.read(Recordings.FOUR_VOLUMES));
            Crashpoints crash = new Crashpoints(stopAt);

            boolean stopped = device.run(crash);
            for (int restart = 0; restart < 3; restart++) {
                device.run(crash.disarmed());
            }

            String where = "stopped at point " + stopAt + " " + crash.names;
            List<RecoveryPasswordProtector> left = device.cDrive();
            assertEquals(1, left.size(), where);
            String current = left.get(0).protectorId();
            assertNotEquals(OLD, current, where);
            assertEquals(new String(left.get(0).password()), device.server.held.get(current), where);
            assertEquals(1, device.adds, "one new protector for the request, " + where);
            RotationResult result = device.server.results.get(OLD);
            assertEquals(RotationResult.DONE, result.outcome(), where);
            assertEquals(current, result.newProtectorId(), where);
            assertEquals(Rotations.NONE, device.journal(), where);
            assertEquals(2, new VolumesFile(device.volumesFile).volumes().get(1).recoveryPasswords().size(),
                    "the other volumes are untouched, " + where);
            if (!stopped) {
                points = stopAt - 1;
                break;
            }
        }
        assertTrue(points >= 12, "the rotation passes every crash point, " + points + " seen");
        assertFalse(logged.toString().contains("531058-303050"), "the log never shows a password");
    }

    @Test
    @DisplayName("The certificate changed on the server mid-way: the key is read again from BitLocker and re-sealed")
    void aCertificateChangedMidWayIsResealedFromBitLocker() throws Exception {
        Device device = new Device("certificate", Recordings.read(Recordings.FOUR_VOLUMES));
        device.run(Crashpoints.named("before upload handled"));
        String sealedToOld = device.journal().pending().get(0).envelope();
        EncryptionCredential next = EncryptionCertificates.generate("AMS next", 2048, Duration.ofDays(30));
        device.server.activate(next, false);

        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));

        assertEquals(1, device.adds, "the new protector is reused, not added again");
        assertEquals(2, device.reads, "its password is read once more, to seal it to the new certificate");
        assertNotEquals(sealedToOld, device.server.lastEnvelope);
        List<RecoveryPasswordProtector> left = device.cDrive();
        assertEquals(1, left.size());
        assertEquals(new String(left.get(0).password()), device.server.held.get(left.get(0).protectorId()));
        assertEquals(RotationResult.DONE, device.server.results.get(OLD).outcome());
    }

    @Test
    @DisplayName("The certificate retired between the check-in and the upload: refused, kept pending, re-sealed next time")
    void aCertificateRetiredBeforeTheUploadIsResealedAtTheNextCheckIn() throws Exception {
        Device device = new Device("retired", Recordings.read(Recordings.FOUR_VOLUMES));
        EncryptionCredential next = EncryptionCertificates.generate("AMS next", 2048, Duration.ofDays(30));
        boolean[] rotated = {false};
        device.onServer = moment -> {
            if (moment.equals("before upload handled") && !rotated[0]) {
                // The administrator activates the next certificate and retires the one the agent just sealed to.
                device.server.activate(next, false);
                rotated[0] = true;
            }
        };
        device.run(new Crashpoints(0));

        assertTrue(device.server.results.isEmpty() && device.journal().unreported().isEmpty(), "not given up");
        assertEquals(PendingRotation.Phase.SEALED, device.journal().pending().get(0).phase());
        assertEquals(2, device.cDrive().size(), "the old protector stays until the server holds the new key");

        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));

        assertEquals(1, device.adds, "the new protector is reused, not added again");
        List<RecoveryPasswordProtector> left = device.cDrive();
        assertEquals(1, left.size());
        assertTrue(new String(left.get(0).password()).equals(device.server.held.get(left.get(0).protectorId())),
                "the server holds the volume's one recovery password");
        assertEquals(RotationResult.DONE, device.server.results.get(OLD).outcome());
    }

    @Test
    @DisplayName("Replacements sent together meet an unreachable server, then a retired certificate: each time one "
            + "upload, both stay sealed, nothing is deleted; both finish once the server takes them")
    void replacementsSentTogetherWaitTogether() throws Exception {
        Device device = new Device("together", Recordings.read(Recordings.FOUR_VOLUMES));
        device.server.requested.add(D_FIRST);
        device.server.refuseUploads = new AgentApiException("Cannot reach the AMS server", new IOException("down"));

        assertThrows(AgentApiException.class, () -> device.run(new Crashpoints(0)));

        assertEquals(1, uploads(device), "the batch is not sent again one by one to an unreachable server");
        assertEquals(List.of(PendingRotation.Phase.SEALED, PendingRotation.Phase.SEALED),
                device.journal().pending().stream().map(PendingRotation::phase).toList());

        device.server.refuseUploads = null;
        device.server.events.clear();
        EncryptionCredential next = EncryptionCertificates.generate("AMS next", 2048, Duration.ofDays(30));
        boolean[] rotated = {false};
        device.onServer = moment -> {
            if (moment.equals("before upload handled") && !rotated[0]) {
                device.server.activate(next, false);
                rotated[0] = true;
            }
        };
        device.run(new Crashpoints(0));

        assertEquals(1, uploads(device), "a batch sealed to a retired certificate waits for the next check-in");
        assertEquals(2, device.journal().pending().size());
        assertTrue(device.server.results.isEmpty(), "no rotation is reported finished or failed");

        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));

        assertEquals(2, device.adds, "each new protector is reused, not added again");
        assertEquals(RotationResult.DONE, device.server.results.get(OLD).outcome());
        assertEquals(RotationResult.DONE, device.server.results.get(D_FIRST).outcome());
        for (BitLockerVolume volume : new VolumesFile(device.volumesFile).volumes()) {
            for (RecoveryPasswordProtector protector : volume.recoveryPasswords()) {
                assertNotEquals(OLD, protector.protectorId());
                assertNotEquals(D_FIRST, protector.protectorId());
                assertEquals(new String(protector.password()), device.server.held.get(protector.protectorId()),
                        volume.mountPoint() + " holds a password the server does not");
            }
        }
    }

    private static long uploads(Device device) {
        return device.server.events.stream().filter("server:upload"::equals).count();
    }

    @Test
    @DisplayName("A new protector removed from the volume before the server held it: the rotation starts over")
    void aVanishedNewProtectorStartsOver() throws Exception {
        Device device = new Device("vanished", Recordings.read(Recordings.FOUR_VOLUMES));
        device.run(Crashpoints.named("before upload handled"));
        String vanished = device.journal().pending().get(0).newProtectorId();
        new VolumesFile(device.volumesFile).deleteRecoveryPasswordProtector(C_DRIVE, vanished);

        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));

        assertEquals(2, device.adds);
        List<RecoveryPasswordProtector> left = device.cDrive();
        assertEquals(1, left.size());
        assertNotEquals(vanished, left.get(0).protectorId());
        assertEquals(new String(left.get(0).password()), device.server.held.get(left.get(0).protectorId()));
        assertFalse(device.server.held.containsKey(vanished), "the vanished protector never reached the server");
    }

    @Test
    @DisplayName("BitLocker refuses the delete: reported once, both keys held, not retried")
    void aRefusedDeleteIsReportedAndNotRetried() throws Exception {
        Device device = new Device("refused", Recordings.read(Recordings.FOUR_VOLUMES));
        device.refuseDelete = new KeyProtectorException("BitLocker refused DeleteKeyProtector: 0x8031001F");

        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));

        assertEquals(1, device.adds);
        List<RecoveryPasswordProtector> left = device.cDrive();
        assertEquals(2, left.size(), "the old protector stays");
        for (RecoveryPasswordProtector protector : left) {
            assertEquals(new String(protector.password()), device.server.held.get(protector.protectorId()));
        }
        assertEquals(1, device.server.reports.size(), "reported once");
        RotationResult result = device.server.results.get(OLD);
        assertEquals(RotationResult.STEP_DELETE, result.failedStep());
        assertTrue(result.reason().contains("0x8031001F"), result.reason());
    }

    @Test
    @DisplayName("Asked to rotate a TPM protector: refused as not on the device, the volume unchanged")
    void aTpmProtectorIsNeverRotated() throws Exception {
        String json = Recordings.read(Recordings.FOUR_VOLUMES).replaceFirst("\"recoveryPasswords\"",
                "\"otherProtectors\":[{\"protectorId\":\"" + TPM + "\",\"keyProtectorType\":1}],"
                        + "\"recoveryPasswords\"");
        Device device = new Device("tpm", json);
        device.server.requested.clear();
        device.server.requested.add(TPM);

        device.run(new Crashpoints(0));
        device.run(new Crashpoints(0));

        assertEquals(0, device.adds);
        assertEquals(json, Files.readString(device.volumesFile));
        RotationResult result = device.server.results.get(TPM);
        assertEquals(RotationResult.STEP_NOT_ON_DEVICE, result.failedStep());
    }

    @Test
    @DisplayName("A refused replacement leaves both protectors; the new one is escrowed as an ordinary key next time")
    void aRefusedReplacementIsEscrowedAsAnOrdinaryKey() throws Exception {
        Device device = new Device("refused-upload", Recordings.read(Recordings.FOUR_VOLUMES));
        device.server.refuseUploads = new org.ams.agent.transport.AgentApiException(409, "ROTATION_NOT_REQUESTED",
                "No rotation was requested for this protector.");

        device.run(new Crashpoints(0));
        device.server.refuseUploads = null;
        device.run(new Crashpoints(0));

        List<RecoveryPasswordProtector> left = device.cDrive();
        assertEquals(2, left.size(), "nothing deleted");
        for (RecoveryPasswordProtector protector : left) {
            assertEquals(new String(protector.password()), device.server.held.get(protector.protectorId()),
                    "every password on the volume is held by the server");
        }
        assertEquals(RotationResult.STEP_UPLOAD, device.server.results.get(OLD).failedStep());
    }
}
