package org.ams.agent.bitlocker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.ams.protocol.RecoveryPassword;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Simulated BitLocker in memory: what a rotation does to it, and what it refuses as BitLocker does. */
class InMemoryVolumesTest {

    private final InMemoryVolumes device = InMemoryVolumes.encrypted(3, new SecureRandom());

    @Test
    @DisplayName("C: is the OS volume, D: and E: fixed; each encrypted with one valid recovery password")
    void encryptedVolumes() {
        List<BitLockerVolume> volumes = device.volumes();

        assertEquals(List.of("C:", "D:", "E:"), volumes.stream().map(BitLockerVolume::mountPoint).toList());
        assertEquals(List.of(0, 1, 1), volumes.stream().map(BitLockerVolume::volumeType).toList());
        for (BitLockerVolume volume : volumes) {
            assertTrue(volume.hasEncryptedData());
            assertEquals(1, volume.recoveryPasswords().size());
            RecoveryPassword.parse(volume.recoveryPasswords().get(0).password());
        }
    }

    @Test
    @DisplayName("A rotation adds a protector with a new valid password, reads it by id and deletes the old one")
    void rotation() throws Exception {
        BitLockerVolume volume = device.volumes().get(1);
        String old = volume.recoveryPasswords().get(0).protectorId();

        String added = device.addRecoveryPasswordProtector(volume.volumeId());
        char[] password = device.recoveryPassword(volume.volumeId(), added.toLowerCase());
        device.deleteRecoveryPasswordProtector(volume.volumeId(), old);

        RecoveryPassword.parse(password);
        assertEquals(List.of(added), device.protectorIds().get(volume.volumeId()));
        assertArrayEquals(password, device.volumes().get(1).recoveryPasswords().get(0).password());
        assertFalse(device.protectorIds().get(device.volumes().get(0).volumeId()).contains(added));
    }

    @Test
    @DisplayName("A protector or volume it does not have is refused, and nothing changes")
    void unknownIdsAreRefused() {
        String volumeId = device.volumes().get(0).volumeId();
        String unknown = "{00000000-0000-4000-8000-000000000001}";

        KeyProtectorException refused = assertThrows(KeyProtectorException.class,
                () -> device.deleteRecoveryPasswordProtector(volumeId, unknown));
        assertEquals(0x80070057L, refused.returnValue().orElseThrow());
        assertThrows(KeyProtectorException.class, () -> device.recoveryPassword(volumeId, unknown));
        assertThrows(KeyProtectorException.class, () -> device.addRecoveryPasswordProtector("\\\\?\\Volume{x}\\"));
        assertEquals(1, device.protectorIds().get(volumeId).size());
    }
}
