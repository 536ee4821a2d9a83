package org.ams.agent.bitlocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Windows reader over PowerShell output in the shape its script writes. */
class WindowsVolumeSourceTest {

    @Test
    void parsesThePowerShellOutput() throws Exception {
        String recorded = Recordings.read(Recordings.FOUR_VOLUMES);

        List<BitLockerVolume> volumes = new WindowsVolumeSource(script -> recorded).volumes();

        assertEquals(4, volumes.size());
        assertEquals(List.of("C:", "D:", "E:", "F:"), volumes.stream().map(BitLockerVolume::mountPoint).toList());
    }

    @Test
    void noEncryptableVolumesGiveAnEmptyList() throws Exception {
        assertEquals(List.of(), new WindowsVolumeSource(script -> "\r\n").volumes());
    }

    @Test
    void aPowerShellFailureIsPassedOn() {
        VolumeReadException failure = new VolumeReadException("access denied");

        VolumeReadException thrown = assertThrows(VolumeReadException.class,
                () -> new WindowsVolumeSource(script -> { throw failure; }).volumes());

        assertSame(failure, thrown);
    }

    @Test
    @DisplayName("The script only reads: it never calls a method that changes BitLocker")
    void scriptIsReadOnly() {
        String script = WindowsVolumeSource.SCRIPT.toLowerCase(Locale.ROOT);

        for (String method : List.of("encrypt", "decrypt", "protectkey", "deletekeyprotector", "disablekeyprotectors",
                "enablekeyprotectors", "lock", "unlock", "changepassphrase", "pauseconversion", "resumeconversion",
                "backupRecoveryInformationToActiveDirectory")) {
            assertFalse(script.contains("-methodname " + method.toLowerCase(Locale.ROOT)),
                    "the script must not call " + method);
        }
        for (String cmdlet : List.of("enable-bitlocker", "disable-bitlocker", "add-bitlockerkeyprotector",
                "remove-bitlockerkeyprotector", "suspend-bitlocker", "resume-bitlocker")) {
            assertFalse(script.contains(cmdlet), "the script must not run " + cmdlet);
        }
        assertTrue(script.contains("-methodname getkeyprotectornumericalpassword"));
        assertTrue(script.contains("keyprotectortype = [uint32]3"), "only numerical-password protectors");
        assertTrue(script.contains("-depth 4"), "nested protectors must not collapse to strings");
    }
}
