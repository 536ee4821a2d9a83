package org.ams.authz;

/**
 * What an ACL entry allows or denies. Stored by name (never by ordinal), so permissions can be added later, e.g. for
 * local administrator passwords, without touching existing rules.
 */
public enum Permission {

    READ_BITLOCKER_RECOVERY_PASSWORD("Read BitLocker recovery passwords"),
    READ_BITLOCKER_KEY_METADATA("Read BitLocker key metadata");

    private final String label;

    Permission(String label) {
        this.label = label;
    }

    /** How pages and audit records name it. */
    public String label() {
        return label;
    }
}
