package org.ams.policy;

import jakarta.ejb.ApplicationException;

/** A policy change that was refused: the message says why in words an administrator can act on; nothing changed. */
@ApplicationException(rollback = true)
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
