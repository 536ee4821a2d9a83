package org.ams.audit.forward;

import jakarta.ejb.ApplicationException;

/** Settings that cannot work, or a test message that was not delivered; the message says why. Nothing is saved. */
@ApplicationException(rollback = true)
public class AuditForwardingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditForwardingException(String message) {
        super(message);
    }
}
