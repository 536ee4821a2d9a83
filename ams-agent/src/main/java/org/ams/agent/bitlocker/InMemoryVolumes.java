package org.ams.agent.bitlocker;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;

/**
 * Simulated BitLocker held in memory, for the load generator ({@code ams-agent simulate}) and tests that need many
 * devices: encrypted volumes with one recovery-password protector each, changed by a rotation as {@link VolumesFile}
 * changes its file (a new protector with a new random valid recovery password in, the replaced protector out), without
 * a file per device. A protector id the volume does not have is refused with {@code E_INVALIDARG}, as BitLocker
 * answers. Safe to share between threads; forgotten when the process ends.
 */
public final class InMemoryVolumes implements VolumeSource {

    private static final long E_INVALIDARG = 0x80070057L;
    private static final int OS_VOLUME = 0;
    private static final int FIXED_VOLUME = 1;
    private static final int FULLY_ENCRYPTED = 1;
    private static final int PROTECTION_ON = 1;
    /** Drive letters after C:, for the fixed data volumes. */
    private static final String DATA_LETTERS = "DEFGHIJKLMNOPQRSTUVWXYZ";

    private final SecureRandom random;
    /** Per volume id, in the order created: its mount point, type and recovery passwords by protector id. */
    private final Map<String, Volume> volumes = new LinkedHashMap<>();

    private record Volume(String mountPoint, int volumeType, Map<String, RecoveryPassword> passwords) {
    }

    private InMemoryVolumes(SecureRandom random) {
        this.random = random;
    }

    /**
     * A device with {@code count} fully encrypted volumes, protection on: the OS volume C: and fixed data volumes D:,
     * E:, ..., each with one recovery-password protector holding a new random valid recovery password.
     */
    public static InMemoryVolumes encrypted(int count, SecureRandom random) {
        if (count < 1 || count > DATA_LETTERS.length() + 1) {
            throw new IllegalArgumentException("A simulated device has 1 to " + (DATA_LETTERS.length() + 1)
                    + " volumes, not " + count + ".");
        }
        InMemoryVolumes device = new InMemoryVolumes(random);
        for (int i = 0; i < count; i++) {
            Map<String, RecoveryPassword> passwords = new LinkedHashMap<>();
            passwords.put(newProtectorId(), device.newPassword());
            device.volumes.put("\\\\?\\Volume{" + UUID.randomUUID() + "}\\", new Volume(
                    i == 0 ? "C:" : DATA_LETTERS.charAt(i - 1) + ":", i == 0 ? OS_VOLUME : FIXED_VOLUME, passwords));
        }
        return device;
    }

    @Override
    public synchronized List<BitLockerVolume> volumes() {
        List<BitLockerVolume> list = new ArrayList<>();
        volumes.forEach((id, volume) -> {
            List<RecoveryPasswordProtector> protectors = new ArrayList<>();
            volume.passwords().forEach((protectorId, password) -> {
                char[] typed = password.toCharArray();
                protectors.add(new RecoveryPasswordProtector(protectorId, typed));
                Arrays.fill(typed, '\0');
            });
            list.add(new BitLockerVolume(volume.mountPoint(), id, volume.volumeType(), FULLY_ENCRYPTED,
                    PROTECTION_ON, protectors));
        });
        return list;
    }

    @Override
    public synchronized String addRecoveryPasswordProtector(String volumeId) throws KeyProtectorException {
        String protectorId = newProtectorId();
        volume(volumeId, "ProtectKeyWithNumericalPassword").passwords().put(protectorId, newPassword());
        return protectorId;
    }

    @Override
    public synchronized char[] recoveryPassword(String volumeId, String protectorId) throws KeyProtectorException {
        RecoveryPassword password = volume(volumeId, "GetKeyProtectorNumericalPassword").passwords()
                .get(canonical(protectorId));
        if (password == null) {
            throw KeyProtectorException.refused("GetKeyProtectorNumericalPassword", where(protectorId, volumeId),
                    E_INVALIDARG);
        }
        return password.toCharArray();
    }

    @Override
    public synchronized void deleteRecoveryPasswordProtector(String volumeId, String protectorId)
            throws KeyProtectorException {
        if (volume(volumeId, "GetKeyProtectorType").passwords().remove(canonical(protectorId)) == null) {
            throw KeyProtectorException.refused("GetKeyProtectorType", where(protectorId, volumeId), E_INVALIDARG);
        }
    }

    /** The protector ids of each volume's recovery passwords, by volume id; no password. */
    public synchronized Map<String, List<String>> protectorIds() {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        volumes.forEach((id, volume) -> ids.put(id, List.copyOf(volume.passwords().keySet())));
        return ids;
    }

    private Volume volume(String volumeId, String method) throws KeyProtectorException {
        Volume volume = volumes.get(volumeId);
        if (volume == null) {
            throw new KeyProtectorException("BitLocker does not list the volume for " + method + " on volume "
                    + volumeId + ".");
        }
        return volume;
    }

    private RecoveryPassword newPassword() {
        byte[] key = new byte[RecoveryPassword.KEY_LENGTH];
        random.nextBytes(key);
        RecoveryPassword password = RecoveryPassword.fromKeyBytes(key);
        Arrays.fill(key, (byte) 0);
        return password;
    }

    private static String newProtectorId() {
        return ProtectorId.of(UUID.randomUUID()).value();
    }

    /** The canonical form, or the text as given when it is no protector id (then no volume has it). */
    private static String canonical(String protectorId) {
        try {
            return ProtectorId.parse(protectorId).value();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(protectorId);
        }
    }

    private static String where(String protectorId, String volumeId) {
        return "for protector " + protectorId + " on volume " + volumeId;
    }
}
