package org.ams.authz;

/** Whether a rule takes part in decisions at the moment of one. */
public enum RuleStatus {
    ACTIVE,
    DISABLED,
    EXPIRED,
    /** The group or computer it targets was deleted; the rule applies to nothing until it is edited or deleted. */
    TARGET_DELETED;

    public boolean active() {
        return this == ACTIVE;
    }
}
