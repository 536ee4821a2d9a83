package org.ams.identity;

import jakarta.ejb.ApplicationException;

/** The family of identity failures a caller can act on; rolls back the surrounding transaction. */
@ApplicationException(rollback = true)
public class IdentityException extends RuntimeException {
    public IdentityException(String message) {
        super(message);
    }
}
