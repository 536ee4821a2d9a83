package org.ams.escrow;

import jakarta.ejb.ApplicationException;
import org.ams.protocol.ProtectorId;

/**
 * An upload that names a protector it replaces although the server did not ask this device to replace it (or the
 * replacement is on another volume): refused as a whole, nothing stored.
 */
@ApplicationException(rollback = true)
public class RotationNotRequestedException extends RuntimeException {

    public RotationNotRequestedException(ProtectorId replaced, String why) {
        super("The upload replaces protector " + replaced.value() + ", but " + why
                + " Check in to learn which protectors to replace; nothing of this upload was stored.");
    }
}
