package org.ams.agent.bitlocker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.ams.protocol.ProtectorId;

/**
 * BitLocker volumes from WMI ({@code Win32_EncryptableVolume}), read and, for key rotation, changed through
 * PowerShell's CIM cmdlets. Every WMI method runs in its own PowerShell call, so each step of a rotation succeeds or
 * fails on its own and the agent decides the next one.
 */
public final class WindowsVolumeSource implements VolumeSource {

    static final String SCRIPT = loadScript("read-volumes.ps1");
    static final String FIND_VOLUME = loadScript("find-volume.ps1");
    static final String ADD_RECOVERY_PASSWORD = loadScript("add-recovery-password.ps1");
    static final String READ_RECOVERY_PASSWORD = loadScript("read-recovery-password.ps1");
    static final String GET_KEY_PROTECTOR_TYPE = loadScript("get-key-protector-type.ps1");
    static final String DELETE_KEY_PROTECTOR = loadScript("delete-key-protector.ps1");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PowerShell powerShell;

    public WindowsVolumeSource(PowerShell powerShell) {
        this.powerShell = powerShell;
    }

    @Override
    public List<BitLockerVolume> volumes() throws VolumeReadException {
        String output = powerShell.run(SCRIPT).strip();
        return output.isEmpty() ? List.of() : VolumeJson.parse(output);
    }

    @Override
    public String addRecoveryPasswordProtector(String volumeId) throws KeyProtectorException {
        String where = "on volume " + volumeId;
        JsonNode answer = call("ProtectKeyWithNumericalPassword", where, script(volumeId, null, ADD_RECOVERY_PASSWORD));
        String protectorId = answer.path("protectorId").asText("");
        try {
            return ProtectorId.parse(protectorId).value();
        } catch (IllegalArgumentException e) {
            throw new KeyProtectorException("ProtectKeyWithNumericalPassword " + where
                    + " succeeded but returned no protector id the agent can read.");
        }
    }

    @Override
    public char[] recoveryPassword(String volumeId, String protectorId) throws KeyProtectorException {
        JsonNode answer = call("GetKeyProtectorNumericalPassword", "for protector " + protectorId + " on volume "
                + volumeId, script(volumeId, protectorId, READ_RECOVERY_PASSWORD));
        JsonNode password = answer.get("recoveryPassword");
        if (password == null || !password.isTextual()) {
            throw new KeyProtectorException("GetKeyProtectorNumericalPassword returned no password for protector "
                    + protectorId + ".");
        }
        return password.asText().toCharArray();
    }

    @Override
    public void deleteRecoveryPasswordProtector(String volumeId, String protectorId) throws KeyProtectorException {
        String where = "for protector " + protectorId + " on volume " + volumeId;
        JsonNode type = call("GetKeyProtectorType", where, script(volumeId, protectorId, GET_KEY_PROTECTOR_TYPE));
        int protectorType = type.path("keyProtectorType").asInt(-1);
        if (protectorType != NUMERICAL_PASSWORD) {
            throw new KeyProtectorException("Protector " + protectorId + " on volume " + volumeId
                    + " is of key protector type " + protectorType + ", not a recovery password (3): not deleted.");
        }
        JsonNode deleted = call("DeleteKeyProtector", where, script(volumeId, protectorId, DELETE_KEY_PROTECTOR));
        if (!deleted.path("deleted").asBoolean(false)) {
            // Only reachable when the type changed between the two calls; the script refused on its own.
            throw new KeyProtectorException("The delete script refused protector " + protectorId + " on volume "
                    + volumeId + ": it is not a recovery-password protector.");
        }
    }

    /**
     * Runs one method's script and checks BitLocker's answer: the volume must exist and {@code ReturnValue} be 0.
     * A failure of PowerShell itself (not started, not elevated, timed out) is a refusal without a return value.
     */
    private JsonNode call(String method, String where, String script) throws KeyProtectorException {
        String output;
        try {
            output = powerShell.run(script).strip();
        } catch (VolumeReadException e) {
            throw new KeyProtectorException("Cannot call " + method + " " + where + ": " + e.getMessage(), e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            // Never quote the output: the read call's output holds a recovery password.
            throw new KeyProtectorException(method + " " + where + " answered with something other than the "
                    + "expected JSON object.");
        }
        if (answer == null || !answer.isObject()) {
            throw new KeyProtectorException(method + " " + where + " answered with nothing.");
        }
        if (!answer.path("volumeFound").asBoolean(false)) {
            throw new KeyProtectorException("BitLocker does not list the volume for " + method + " " + where + ".");
        }
        long returnValue = answer.path("returnValue").asLong(-1);
        if (returnValue != 0) {
            throw KeyProtectorException.refused(method, where, returnValue);
        }
        return answer;
    }

    /**
     * The method's script after {@code $volumeId} and {@code $protectorId} as single-quoted PowerShell literals (in
     * which only a quote is special, written twice) and the shared volume lookup.
     */
    static String script(String volumeId, String protectorId, String method) {
        return "$volumeId = " + literal(volumeId) + "\n"
                + "$protectorId = " + literal(protectorId) + "\n"
                + FIND_VOLUME + method;
    }

    private static String literal(String value) {
        // PowerShell also ends a single-quoted string at the typographic quotes U+2018..U+201B.
        return value == null ? "$null" : "'" + value.replaceAll("(['\u2018\u2019\u201A\u201B])", "$1$1") + "'";
    }

    private static String loadScript(String name) {
        return PowerShell.script(WindowsVolumeSource.class, name);
    }
}
