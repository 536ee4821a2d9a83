package org.ams.keyimport;

import java.time.OffsetDateTime;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.RecoveryPassword;

/**
 * One {@code msFVE-RecoveryInformation} object as read: either valid (a recovery password that passes BitLocker's
 * checksum, the protector's GUID, the computer it sits under) or with the problem that keeps it out. The password is
 * a {@link RecoveryPassword}, whose text forms never show the digits, so neither does this record's.
 *
 * @param objectGuid the object's own objectGUID
 * @param volumeId   {@code msFVE-VolumeGuid} as {@code {GUID}}; {@code null} if not set
 * @param createdAt  {@code whenCreated}: when BitLocker backed the password up
 * @param problem    why the object cannot be imported, in words that hold no digit of the password; {@code null} if
 *                   it can
 */
public record RecoveryInformation(String distinguishedName, String objectGuid, long usnChanged,
                                  ProtectorId protectorId, String volumeId, OffsetDateTime createdAt,
                                  RecoveryPassword password, ComputerObject computer, String problem) {

    public boolean valid() {
        return problem == null;
    }

    /** How the run's errors name the object: its computer and protector, or its DN. */
    public String describe() {
        String where = computer != null && computer.name() != null ? computer.name() : distinguishedName;
        return where + (protectorId == null ? "" : ", recovery information " + protectorId);
    }
}
