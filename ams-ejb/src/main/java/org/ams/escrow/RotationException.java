package org.ams.escrow;

import jakarta.ejb.ApplicationException;

/** A rotation an administrator asked for that cannot be: the message says why; nothing was requested. */
@ApplicationException(rollback = true)
public class RotationException extends RuntimeException {

    public RotationException(String message) {
        super(message);
    }
}
