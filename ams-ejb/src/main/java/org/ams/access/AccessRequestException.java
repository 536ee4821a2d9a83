package org.ams.access;

import jakarta.ejb.ApplicationException;

/** A request that could not even be asked (bad input); nothing was decided or recorded. */
@ApplicationException(rollback = true)
public class AccessRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessRequestException(String message) {
        super(message);
    }
}
