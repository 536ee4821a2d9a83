package org.ams.agent.bitlocker;

import java.util.List;

/**
 * Where the agent learns about the device's BitLocker volumes, and the only way it changes them. The changes are
 * limited to what a key rotation needs: add a recovery-password protector, read one recovery password by protector
 * id, delete a recovery-password protector. Nothing here turns BitLocker on or off or touches a TPM, PIN, startup-key
 * or auto-unlock protector.
 */
public interface VolumeSource {

    /** Key protector type of a numerical password (recovery password) in {@code Win32_EncryptableVolume}. */
    int NUMERICAL_PASSWORD = 3;

    List<BitLockerVolume> volumes() throws VolumeReadException;

    /**
     * Adds a numerical-password protector whose 48-digit password BitLocker makes itself
     * ({@code ProtectKeyWithNumericalPassword} without a password).
     *
     * @return the new protector's id
     */
    String addRecoveryPasswordProtector(String volumeId) throws KeyProtectorException;

    /** The recovery password of one numerical-password protector ({@code GetKeyProtectorNumericalPassword}). */
    char[] recoveryPassword(String volumeId, String protectorId) throws KeyProtectorException;

    /**
     * Deletes one protector after checking that it is of the recovery-password type ({@code GetKeyProtectorType} 3,
     * then {@code DeleteKeyProtector}). Any other type is refused without deleting anything; so is an id the volume
     * does not have.
     */
    void deleteRecoveryPasswordProtector(String volumeId, String protectorId) throws KeyProtectorException;
}
