package org.ams.agent.state;

import java.time.Instant;
import java.util.List;

/**
 * A rotation the agent has started and not finished, as persisted between its steps so that a crash or reboot resumes
 * it instead of starting another. Holds no plaintext: {@code envelope} is the new recovery password sealed to the
 * certificate whose SHA-256 thumbprint is {@code certificateSha256}.
 *
 * @param replacedProtectorId the protector the server asked to replace
 * @param phase               the last step that is known to have completed (see {@link Phase})
 * @param protectorIdsBefore  the volume's recovery-password protectors just before the agent asked BitLocker for a new
 *                            one, so that after a crash during {@link Phase#ADDING} the one it added can be told from
 *                            the others
 * @param newProtectorId      the protector that replaces it, once added
 */
public record PendingRotation(String replacedProtectorId, String volumeId, String mountPoint, String driveType,
                              Phase phase, List<String> protectorIdsBefore, String newProtectorId, String envelope,
                              String certificateSha256, Instant startedAt) {

    public enum Phase {
        /** About to ask BitLocker for a new protector (it may or may not have been added). */
        ADDING,
        /** The new protector is on the volume and its sealed password is persisted; not yet acknowledged. */
        SEALED,
        /** The server acknowledged that it holds the new key; the replaced protector may be deleted. */
        UPLOADED
    }

    public PendingRotation {
        protectorIdsBefore = protectorIdsBefore == null ? List.of() : List.copyOf(protectorIdsBefore);
    }

    public PendingRotation sealed(String newId, String newEnvelope, String thumbprint) {
        return new PendingRotation(replacedProtectorId, volumeId, mountPoint, driveType, Phase.SEALED,
                protectorIdsBefore, newId, newEnvelope, thumbprint, startedAt);
    }

    /** The envelope is dropped: the server holds the key now, and the agent keeps nothing it does not need. */
    public PendingRotation uploaded() {
        return new PendingRotation(replacedProtectorId, volumeId, mountPoint, driveType, Phase.UPLOADED,
                protectorIdsBefore, newProtectorId, null, null, startedAt);
    }

    /** Back to the first step, for a new protector that disappeared from the volume before it was escrowed. */
    public PendingRotation restarted(List<String> idsBefore) {
        return new PendingRotation(replacedProtectorId, volumeId, mountPoint, driveType, Phase.ADDING, idsBefore,
                null, null, null, startedAt);
    }
}
