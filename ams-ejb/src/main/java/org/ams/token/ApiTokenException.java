package org.ams.token;

import jakarta.ejb.ApplicationException;

/** A token that cannot be issued or revoked as asked (bad input, or gone); nothing was changed. */
@ApplicationException(rollback = true)
public class ApiTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiTokenException(String message) {
        super(message);
    }
}
