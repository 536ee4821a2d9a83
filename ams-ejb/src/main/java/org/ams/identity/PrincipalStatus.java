package org.ams.identity;

/** Whether a user or group that AMS refers to (in an ACL, a role grant) still exists in its identity source. */
public enum PrincipalStatus {
    EXISTS,
    /** Deleted from its source, which answered. */
    NO_LONGER_EXISTS,
    /** Its source could not be asked (down, disabled, removed): nothing is known either way, so nothing is claimed. */
    NOT_CHECKED
}
