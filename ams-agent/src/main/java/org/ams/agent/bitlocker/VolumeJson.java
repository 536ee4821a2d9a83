package org.ams.agent.bitlocker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's public volume format: a JSON array of volumes (a single object is accepted too, as PowerShell's
 * {@code ConvertTo-Json} emits for one volume):
 * <pre>
 * [{"mountPoint":"C:","volumeId":"\\\\?\\Volume{...}\\","volumeType":0,"conversionStatus":1,"protectionStatus":1,
 *   "recoveryPasswords":[{"protectorId":"{GUID}","recoveryPassword":"531058-...-139161"}]}]
 * </pre>
 * Parsing errors name the volume and the field, never a password.
 */
final class VolumeJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VolumeJson() {
    }

    static List<BitLockerVolume> parse(String json) throws VolumeReadException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson quotes the offending input, which may be a password: report the position only.
            throw new VolumeReadException("The volume list is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        List<BitLockerVolume> volumes = new ArrayList<>();
        for (JsonNode node : elements(root)) {
            volumes.add(volume(node, volumes.size() + 1));
        }
        return volumes;
    }

    private static BitLockerVolume volume(JsonNode node, int position) throws VolumeReadException {
        if (!node.isObject()) {
            throw new VolumeReadException("Volume " + position + " is not a JSON object.");
        }
        String volumeId = text(node, "volumeId");
        String where = "Volume " + position + (volumeId == null ? "" : " (" + volumeId + ")");
        if (volumeId == null || volumeId.isBlank()) {
            throw new VolumeReadException(where + " has no volumeId.");
        }
        List<RecoveryPasswordProtector> protectors = new ArrayList<>();
        JsonNode passwords = node.get("recoveryPasswords");
        if (passwords != null && !passwords.isNull()) {
            for (JsonNode protector : elements(passwords)) {
                String protectorId = text(protector, "protectorId");
                String password = text(protector, "recoveryPassword");
                if (protectorId == null || password == null) {
                    throw new VolumeReadException(where + " has a recovery password entry without protectorId or "
                            + "recoveryPassword.");
                }
                protectors.add(new RecoveryPasswordProtector(protectorId, password.toCharArray()));
            }
        }
        return new BitLockerVolume(text(node, "mountPoint"), volumeId,
                number(node, "volumeType", where), number(node, "conversionStatus", where),
                number(node, "protectionStatus", where), protectors);
    }

    private static Iterable<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node : List.of(node);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static int number(JsonNode node, String field, String where) throws VolumeReadException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new VolumeReadException(where + " has no whole-number " + field + ".");
        }
        return value.intValue();
    }
}
