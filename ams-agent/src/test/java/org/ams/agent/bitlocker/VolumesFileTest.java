package org.ams.agent.bitlocker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.wire.DriveType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumesFileTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("Reads the README's volume format: OS, fixed, removable and a decrypted volume")
    void readsEveryVolumeWithItsProtectors() throws Exception {
        Path file = Files.writeString(directory.resolve("volumes.json"), Recordings.read(Recordings.FOUR_VOLUMES));

        List<BitLockerVolume> volumes = new VolumesFile(file).volumes();

        assertEquals(4, volumes.size());
        BitLockerVolume os = volumes.get(0);
        assertEquals("C:", os.mountPoint());
        assertEquals("\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\", os.volumeId());
        assertEquals(DriveType.OS, os.driveType().orElseThrow());
        assertEquals("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}", os.recoveryPasswords().get(0).protectorId());
        assertArrayEquals("531058-303050-716078-383614-460922-106975-083446-139161".toCharArray(),
                os.recoveryPasswords().get(0).password());
        assertEquals(DriveType.FIXED, volumes.get(1).driveType().orElseThrow());
        assertEquals(2, volumes.get(1).recoveryPasswords().size());
        assertEquals(DriveType.REMOVABLE, volumes.get(2).driveType().orElseThrow());
        assertTrue(volumes.get(2).hasEncryptedData(), "a volume still encrypting has encrypted data");
        assertFalse(volumes.get(3).hasEncryptedData(), "a fully decrypted volume has nothing to back up");
    }

    @Test
    void acceptsASingleObjectAsPowerShellWritesItForOneVolume() throws Exception {
        List<BitLockerVolume> volumes = VolumeJson.parse(Recordings.read(Recordings.SINGLE_VOLUME_OBJECT));

        assertEquals(1, volumes.size());
        assertEquals(1, volumes.get(0).recoveryPasswords().size());
    }

    @Test
    void emptyOutputMeansNoVolumes() throws Exception {
        assertEquals(List.of(), VolumeJson.parse("null"));
        assertEquals(List.of(), VolumeJson.parse("[]"));
    }

    @Test
    @DisplayName("Malformed input is refused with where it broke, never with the text around it")
    void malformedJsonNeverEchoesItsContent() {
        String broken = "[{\"volumeId\":\"v\",\"recoveryPasswords\":[{\"protectorId\":\"{x}\","
                + "\"recoveryPassword\":\"531058-303050-716078-383614-460922-106975-083446-139161\" oops";

        VolumeReadException refused = assertThrows(VolumeReadException.class, () -> VolumeJson.parse(broken));

        assertTrue(refused.getMessage().startsWith("The volume list is not valid JSON (line 1"), refused.getMessage());
        assertFalse(refused.getMessage().contains("531058"));
    }

    @Test
    void missingFieldsAreNamed() {
        VolumeReadException noType = assertThrows(VolumeReadException.class, () -> VolumeJson.parse(
                "[{\"volumeId\":\"\\\\\\\\?\\\\Volume{1}\\\\\",\"conversionStatus\":1,\"protectionStatus\":1}]"));
        VolumeReadException noId = assertThrows(VolumeReadException.class,
                () -> VolumeJson.parse("[{\"volumeType\":0}]"));

        assertTrue(noType.getMessage().contains("has no whole-number volumeType"), noType.getMessage());
        assertEquals("Volume 1 has no volumeId.", noId.getMessage());
    }

    @Test
    void anUnreadableFileSaysWhich() {
        Path missing = directory.resolve("absent.json");

        VolumeReadException refused = assertThrows(VolumeReadException.class, () -> new VolumesFile(missing).volumes());

        assertTrue(refused.getMessage().startsWith("Cannot read the volumes file " + missing), refused.getMessage());
    }

    private static final String C_DRIVE = "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\";
    private static final String OLD = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";
    private static final String TPM = "{0A0B0C0D-1111-4222-8333-444455556666}";

    @Test
    @DisplayName("A rotation rewrites the file: a new protector with a valid random password in, the old one out")
    void aRotationRewritesTheFile() throws Exception {
        Path file = Files.writeString(directory.resolve("volumes.json"), Recordings.read(Recordings.FOUR_VOLUMES));
        VolumesFile bitLocker = new VolumesFile(file);

        String added = bitLocker.addRecoveryPasswordProtector(C_DRIVE);
        char[] password = bitLocker.recoveryPassword(C_DRIVE, added);
        bitLocker.deleteRecoveryPasswordProtector(C_DRIVE, OLD);

        List<BitLockerVolume> after = new VolumesFile(file).volumes();
        List<RecoveryPasswordProtector> protectors = after.get(0).recoveryPasswords();
        assertEquals(1, protectors.size());
        assertEquals(added, protectors.get(0).protectorId());
        assertEquals(ProtectorId.parse(added).value(), added, "a GUID in braces, as Windows writes it");
        assertArrayEquals(password, protectors.get(0).password());
        RecoveryPassword.parse(password);
        assertFalse(new String(password).equals("531058-303050-716078-383614-460922-106975-083446-139161"));
        assertEquals(2, after.get(1).recoveryPasswords().size(), "the other volumes are untouched");
        assertEquals(4, after.size());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void twoAddsMakeTwoDifferentPasswords() throws Exception {
        Path file = Files.writeString(directory.resolve("volumes.json"), Recordings.read(Recordings.FOUR_VOLUMES));
        VolumesFile bitLocker = new VolumesFile(file);

        String first = bitLocker.addRecoveryPasswordProtector(C_DRIVE);
        String second = bitLocker.addRecoveryPasswordProtector(C_DRIVE);

        assertFalse(first.equals(second));
        assertFalse(new String(bitLocker.recoveryPassword(C_DRIVE, first))
                .equals(new String(bitLocker.recoveryPassword(C_DRIVE, second))));
        assertEquals(3, bitLocker.volumes().get(0).recoveryPasswords().size());
    }

    @Test
    @DisplayName("A volume written as a single protector object keeps that protector when one is added")
    void aSingleProtectorObjectBecomesAList() throws Exception {
        Path file = Files.writeString(directory.resolve("volumes.json"),
                Recordings.read(Recordings.SINGLE_VOLUME_OBJECT));
        VolumesFile bitLocker = new VolumesFile(file);

        bitLocker.addRecoveryPasswordProtector(C_DRIVE);

        assertEquals(2, bitLocker.volumes().get(0).recoveryPasswords().size());
    }

    @Test
    @DisplayName("Deleting a TPM protector or an unknown one fails like BitLocker and changes nothing")
    void deletingAnythingButAKnownRecoveryPasswordFails() throws Exception {
        String json = Recordings.read(Recordings.FOUR_VOLUMES).replaceFirst("\"recoveryPasswords\"",
                "\"otherProtectors\":[{\"protectorId\":\"" + TPM + "\",\"keyProtectorType\":1}],"
                        + "\"recoveryPasswords\"");
        Path file = Files.writeString(directory.resolve("volumes.json"), json);
        VolumesFile bitLocker = new VolumesFile(file);

        KeyProtectorException tpm = assertThrows(KeyProtectorException.class,
                () -> bitLocker.deleteRecoveryPasswordProtector(C_DRIVE, TPM));
        KeyProtectorException unknown = assertThrows(KeyProtectorException.class,
                () -> bitLocker.deleteRecoveryPasswordProtector(C_DRIVE, "{00000000-0000-4000-8000-000000000000}"));
        KeyProtectorException noVolume = assertThrows(KeyProtectorException.class,
                () -> bitLocker.deleteRecoveryPasswordProtector("\\\\?\\Volume{nowhere}\\", OLD));

        assertTrue(tpm.getMessage().contains("key protector type 1, not a recovery password"), tpm.getMessage());
        assertEquals(0x80070057L, unknown.returnValue().orElseThrow(), "E_INVALIDARG, as BitLocker answers");
        assertTrue(noVolume.getMessage().startsWith("BitLocker does not list the volume"), noVolume.getMessage());
        assertEquals(json, Files.readString(file), "the file is unchanged");
        assertThrows(KeyProtectorException.class, () -> bitLocker.recoveryPassword(C_DRIVE, TPM),
                "a TPM protector has no recovery password");
    }
}
