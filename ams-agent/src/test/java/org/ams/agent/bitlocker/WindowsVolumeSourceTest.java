package org.ams.agent.bitlocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static final String VOLUME = "\\\\?\\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\\";
    private static final String OLD = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";

    private final List<String> events = new ArrayList<>();

    @Test
    @DisplayName("Adding a protector calls ProtectKeyWithNumericalPassword on the volume, without a password")
    void addCallsProtectKeyWithNumericalPassword() throws Exception {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]");

        String added = new WindowsVolumeSource(powerShell).addRecoveryPasswordProtector(VOLUME);

        assertEquals(powerShell.newProtectorId(), added);
        RecordingPowerShell.Call call = powerShell.calls().get(0);
        assertEquals(List.of(RecordingPowerShell.ADD), methods(powerShell));
        assertEquals(VOLUME, call.volumeId());
        assertTrue(call.script().startsWith("$volumeId = '" + VOLUME + "'\n$protectorId = $null\n"), call.script());
        assertTrue(call.script().contains("-MethodName ProtectKeyWithNumericalPassword\n"),
                "no NumericalPassword argument: BitLocker makes the password");
        assertTrue(call.script().contains("Where-Object { $_.DeviceID -eq $volumeId }"));
    }

    @Test
    void readingAPasswordPassesTheProtectorId() throws Exception {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]");

        char[] password = new WindowsVolumeSource(powerShell).recoveryPassword(VOLUME, OLD);

        assertEquals(powerShell.newPassword(), new String(password));
        RecordingPowerShell.Call call = powerShell.calls().get(0);
        assertEquals(RecordingPowerShell.READ, call.method());
        assertEquals(OLD, call.protectorId());
        assertTrue(call.script().contains("-MethodName GetKeyProtectorNumericalPassword -Arguments "
                + "@{ VolumeKeyProtectorID = $protectorId }"), call.script());
    }

    @Test
    @DisplayName("Deleting checks GetKeyProtectorType first, then calls DeleteKeyProtector with the same id")
    void deleteChecksTheTypeThenDeletes() throws Exception {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]");

        new WindowsVolumeSource(powerShell).deleteRecoveryPasswordProtector(VOLUME, OLD);

        assertEquals(List.of(RecordingPowerShell.TYPE, RecordingPowerShell.DELETE), methods(powerShell));
        for (RecordingPowerShell.Call call : powerShell.calls()) {
            assertEquals(VOLUME, call.volumeId());
            assertEquals(OLD, call.protectorId());
        }
        String deleteScript = powerShell.calls().get(1).script();
        assertTrue(deleteScript.contains("$type.KeyProtectorType -ne 3"), "the delete script checks the type itself");
        assertTrue(deleteScript.indexOf("-MethodName GetKeyProtectorType")
                < deleteScript.indexOf("-MethodName DeleteKeyProtector"));
    }

    @ParameterizedTest(name = "key protector type {0} is never deleted")
    @ValueSource(ints = {1, 2, 4, 5, 6, 7, 8, 9, 10})
    void otherProtectorTypesAreNeverDeleted(int type) {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]").answer(RecordingPowerShell.TYPE,
                () -> "{\"volumeFound\":true,\"returnValue\":0,\"keyProtectorType\":" + type + "}");

        KeyProtectorException refused = assertThrows(KeyProtectorException.class,
                () -> new WindowsVolumeSource(powerShell).deleteRecoveryPasswordProtector(VOLUME, OLD));

        assertEquals(List.of(RecordingPowerShell.TYPE), methods(powerShell), "DeleteKeyProtector is never called");
        assertTrue(refused.getMessage().contains("type " + type + ", not a recovery password"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0} answering 0x{1} is a refusal with that code")
    @CsvSource({
            "ProtectKeyWithNumericalPassword, 80310000, FVE_E_LOCKED_VOLUME",
            "GetKeyProtectorNumericalPassword, 80070057, E_INVALIDARG",
            "GetKeyProtectorType, 80070057, E_INVALIDARG",
            "DeleteKeyProtector, 8031001F, FVE_E_VOLUME_BOUND_ALREADY",
            "DeleteKeyProtector, 8031001D, FVE_E_KEY_REQUIRED",
            "DeleteKeyProtector, 80310008, FVE_E_NOT_ACTIVATED"})
    void aNonZeroReturnValueIsARefusal(String method, String hex, String name) {
        long code = Long.parseLong(hex, 16);
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]").refuse(method, code);
        WindowsVolumeSource source = new WindowsVolumeSource(powerShell);

        KeyProtectorException refused = assertThrows(KeyProtectorException.class, () -> call(source, method));

        assertEquals(code, refused.returnValue().orElseThrow());
        assertTrue(refused.getMessage().contains("BitLocker refused " + method + " "), refused.getMessage());
        assertTrue(refused.getMessage().contains("0x" + hex + " (" + name), refused.getMessage());
        List<String> methods = methods(powerShell);
        assertEquals(method, methods.get(methods.size() - 1), "nothing runs after the refusal");
    }

    @Test
    void aVolumeBitLockerDoesNotListIsRefused() {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]")
                .answer(RecordingPowerShell.ADD, () -> "{\"volumeFound\":false}");

        KeyProtectorException refused = assertThrows(KeyProtectorException.class,
                () -> new WindowsVolumeSource(powerShell).addRecoveryPasswordProtector(VOLUME));

        assertTrue(refused.getMessage().startsWith("BitLocker does not list the volume"), refused.getMessage());
        assertTrue(refused.returnValue().isEmpty());
    }

    @Test
    void aPowerShellFailureDuringAChangeIsARefusalWithoutCode() {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]").answer(RecordingPowerShell.ADD,
                () -> {
                    throw new VolumeReadException("PowerShell could not read BitLocker volumes (exit code 1)");
                });

        KeyProtectorException refused = assertThrows(KeyProtectorException.class,
                () -> new WindowsVolumeSource(powerShell).addRecoveryPasswordProtector(VOLUME));

        assertTrue(refused.getMessage().startsWith("Cannot call ProtectKeyWithNumericalPassword"),
                refused.getMessage());
        assertTrue(refused.returnValue().isEmpty());
    }

    @Test
    @DisplayName("A malformed answer to the read is refused without quoting it (it may hold a password)")
    void aMalformedReadAnswerIsNotQuoted() {
        RecordingPowerShell powerShell = new RecordingPowerShell(events, "[]").answer(RecordingPowerShell.READ,
                () -> "531058-303050-716078-383614-460922-106975-083446-139161 {");

        KeyProtectorException refused = assertThrows(KeyProtectorException.class,
                () -> new WindowsVolumeSource(powerShell).recoveryPassword(VOLUME, OLD));

        assertFalse(refused.getMessage().contains("531058"), refused.getMessage());
    }

    @Test
    @DisplayName("Values go into the script as single-quoted literals that no quote can end early")
    void valuesCannotBreakOutOfTheirLiterals() {
        String script = WindowsVolumeSource.script("x'; Remove-Item C:\\ ; '", "\u2019y", "BODY");

        assertTrue(script.startsWith("$volumeId = 'x''; Remove-Item C:\\ ; '''\n$protectorId = '\u2019\u2019y'\n"),
                script);
    }

    @Test
    @DisplayName("The protector scripts call only the methods a rotation needs")
    void protectorScriptsCallOnlyWhatRotationNeeds() {
        String all = (WindowsVolumeSource.FIND_VOLUME + WindowsVolumeSource.ADD_RECOVERY_PASSWORD
                + WindowsVolumeSource.READ_RECOVERY_PASSWORD + WindowsVolumeSource.GET_KEY_PROTECTOR_TYPE
                + WindowsVolumeSource.DELETE_KEY_PROTECTOR).toLowerCase(Locale.ROOT);

        for (String method : List.of("encrypt", "decrypt", "deletekeyprotectors", "disablekeyprotectors",
                "enablekeyprotectors", "lock", "unlock", "protectkeywithtpm", "protectkeywithexternalkey",
                "disableautounlock")) {
            assertFalse(all.contains("-methodname " + method + " ") || all.contains("-methodname " + method + "\n"),
                    "no script calls " + method);
        }
        assertFalse(all.contains("remove-bitlockerkeyprotector") || all.contains("disable-bitlocker"));
        assertFalse(WindowsVolumeSource.ADD_RECOVERY_PASSWORD.contains("NumericalPassword ="),
                "the agent never chooses the password itself");
    }

    private static void call(WindowsVolumeSource source, String method) throws KeyProtectorException {
        switch (method) {
            case RecordingPowerShell.ADD -> source.addRecoveryPasswordProtector(VOLUME);
            case RecordingPowerShell.READ -> source.recoveryPassword(VOLUME, OLD);
            default -> source.deleteRecoveryPasswordProtector(VOLUME, OLD);
        }
    }

    private static List<String> methods(RecordingPowerShell powerShell) {
        return powerShell.calls().stream().map(RecordingPowerShell.Call::method).toList();
    }
}
