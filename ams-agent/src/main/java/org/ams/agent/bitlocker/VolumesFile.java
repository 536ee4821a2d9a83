package org.ams.agent.bitlocker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;

/**
 * Volumes read from a JSON file in the shape the Windows reader produces (see {@link VolumeJson}), and simulated
 * BitLocker for tests, demos and other platforms: a rotation rewrites the file (a new protector id with a new random
 * valid recovery password in, the replaced protector out), so the device's state can be read back from it.
 * <p>
 * Protectors of other types can be listed per volume as {@code "otherProtectors": [{"protectorId": "{GUID}",
 * "keyProtectorType": 1}]} (1 TPM, 4 TPM+PIN, ...); the reader ignores them, and deleting one is refused as the
 * agent's Windows path refuses it. A protector id the volume does not have is refused with {@code E_INVALIDARG}, as
 * BitLocker answers. Each change is written to a temporary file in the same directory and moved over the file
 * atomically, so a reader (or a crash) sees either the old or the new state, never half a file.
 */
public final class VolumesFile implements VolumeSource {

    private static final long E_INVALIDARG = 0x80070057L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final SecureRandom random = new SecureRandom();

    public VolumesFile(Path file) {
        this.file = file;
    }

    @Override
    public List<BitLockerVolume> volumes() throws VolumeReadException {
        try {
            return VolumeJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VolumeReadException("Cannot read the volumes file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String addRecoveryPasswordProtector(String volumeId) throws KeyProtectorException {
        JsonNode root = read();
        ObjectNode volume = volume(root, volumeId, "ProtectKeyWithNumericalPassword");
        String protectorId = ProtectorId.of(UUID.randomUUID()).value();
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        random.nextBytes(key);
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(key);
        Arrays.fill(key, (byte) 0);
        passwordList(volume).addObject().put("protectorId", protectorId).put("recoveryPassword", password.formatted());
        write(root);
        return protectorId;
    }

    @Override
    public char[] recoveryPassword(String volumeId, String protectorId) throws KeyProtectorException {
        ObjectNode volume = volume(read(), volumeId, "GetKeyProtectorNumericalPassword");
        for (JsonNode protector : elements(volume.get("recoveryPasswords"))) {
            if (sameId(protector.path("protectorId").asText(), protectorId)) {
                return protector.path("recoveryPassword").asText().toCharArray();
            }
        }
        throw KeyProtectorException.refused("GetKeyProtectorNumericalPassword", where(protectorId, volumeId),
                E_INVALIDARG);
    }

    @Override
    public synchronized void deleteRecoveryPasswordProtector(String volumeId, String protectorId)
            throws KeyProtectorException {
        JsonNode root = read();
        ObjectNode volume = volume(root, volumeId, "GetKeyProtectorType");
        for (JsonNode other : elements(volume.get("otherProtectors"))) {
            if (sameId(other.path("protectorId").asText(), protectorId)) {
                throw new KeyProtectorException("Protector " + protectorId + " on volume " + volumeId
                        + " is of key protector type " + other.path("keyProtectorType").asInt(-1)
                        + ", not a recovery password (3): not deleted.");
            }
        }
        for (Iterator<JsonNode> it = passwordList(volume).elements(); it.hasNext(); ) {
            if (sameId(it.next().path("protectorId").asText(), protectorId)) {
                it.remove();
                write(root);
                return;
            }
        }
        throw KeyProtectorException.refused("GetKeyProtectorType", where(protectorId, volumeId), E_INVALIDARG);
    }

    private JsonNode read() throws KeyProtectorException {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The parser's message may quote a password: name the file only.
            throw new KeyProtectorException("Cannot read the volumes file " + file + ".");
        }
    }

    private void write(JsonNode root) throws KeyProtectorException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, ".volumes-", ".tmp");
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                // The file holds recovery passwords: the new one is no more readable than the old.
                Files.setPosixFilePermissions(temporary, posix.readAttributes().permissions());
            }
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeyProtectorException("Cannot rewrite the volumes file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Only a leftover temporary file; the volumes file itself is whole either way.
                }
            }
        }
    }

    private static ObjectNode volume(JsonNode root, String volumeId, String method) throws KeyProtectorException {
        for (JsonNode volume : elements(root)) {
            if (volume instanceof ObjectNode object && volumeId.equals(volume.path("volumeId").asText(null))) {
                return object;
            }
        }
        throw new KeyProtectorException("BitLocker does not list the volume for " + method + " on volume "
                + volumeId + ".");
    }

    /**
     * The volume's recovery passwords as an array, made one if the file held a single object (as PowerShell writes a
     * one-element list) or nothing.
     */
    private static ArrayNode passwordList(ObjectNode volume) {
        JsonNode passwords = volume.get("recoveryPasswords");
        if (passwords instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = volume.putArray("recoveryPasswords");
        if (passwords != null && passwords.isObject()) {
            array.add(passwords);
        }
        return array;
    }

    private static Iterable<JsonNode> elements(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        return node.isArray() ? node : List.of(node);
    }

    private static boolean sameId(String a, String b) {
        return a != null && b != null && a.strip().toUpperCase(Locale.ROOT).equals(b.strip().toUpperCase(Locale.ROOT));
    }

    private static String where(String protectorId, String volumeId) {
        return "for protector " + protectorId + " on volume " + volumeId;
    }
}
