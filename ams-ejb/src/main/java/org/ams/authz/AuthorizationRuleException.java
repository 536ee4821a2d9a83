package org.ams.authz;

import jakarta.ejb.ApplicationException;

/**
 * A rule change AMS refused; nothing was changed (the transaction rolls back). The message is written for the person
 * who asked; the reason lets a caller tell the cases apart without reading it.
 */
@ApplicationException(rollback = true)
public class AuthorizationRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        RULE_NOT_FOUND,
        TARGET_NOT_FOUND,
        INVALID_DESCRIPTION,
        EMPTY_ACL,
        TOO_MANY_ENTRIES,
        INVALID_ENTRY,
        DUPLICATE_ENTRY,
        /** An ACL entry names a user or group that no longer exists in its identity source. */
        PRINCIPAL_NOT_FOUND,
        EXPIRY_NOT_IN_FUTURE,
        /** The approval setting is incomplete or out of range. */
        INVALID_APPROVAL,
        CHANGED_BY_SOMEONE_ELSE
    }

    private final Reason reason;

    public AuthorizationRuleException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
