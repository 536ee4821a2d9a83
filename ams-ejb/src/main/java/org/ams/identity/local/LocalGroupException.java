package org.ams.identity.local;

import org.ams.identity.IdentityException;

/**
 * A change to a local group that AMS refused; nothing was changed. The reason lets a caller tell the cases apart
 * without reading the message, which is written for the person who asked.
 */
public class LocalGroupException extends IdentityException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        EMPTY_NAME,
        NAME_TOO_LONG,
        DESCRIPTION_TOO_LONG,
        DUPLICATE_NAME,
        UNKNOWN_GROUP,
        UNKNOWN_ACCOUNT,
        ALREADY_MEMBER,
        NOT_A_MEMBER
    }

    private final Reason reason;

    public LocalGroupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
