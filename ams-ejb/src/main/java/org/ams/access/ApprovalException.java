package org.ams.access;

import jakarta.ejb.ApplicationException;

/**
 * An approval or rejection AMS refused, in words for the approver. What was recorded before the refusal stays (a
 * request found expired is recorded as such), so the transaction is not rolled back; a refusal changes nothing else.
 */
@ApplicationException(rollback = false)
public class ApprovalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApprovalException(String message) {
        super(message);
    }
}
