package org.ams.policy;

import jakarta.ejb.ApplicationException;

/** Someone else changed or deleted the policy since the administrator opened it. */
@ApplicationException(rollback = true)
public class PolicyConflictException extends PolicyException {

    private static final long serialVersionUID = 1L;

    public PolicyConflictException(String message) {
        super(message);
    }
}
