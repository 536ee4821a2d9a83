package org.ams.authz;

/**
 * What a rule targets. The specificity orders granting rules: the audit names the most specific one (a rule for the
 * computer itself before one for its group, its directory, its tenant).
 */
public enum TargetKind {

    TENANT("Tenant", 0),
    DIRECTORY("Directory", 1),
    DEVICE_GROUP("Device group", 2),
    COMPUTER("Computer", 3);

    private final String label;
    private final int specificity;

    TargetKind(String label, int specificity) {
        this.label = label;
        this.specificity = specificity;
    }

    public String label() {
        return label;
    }

    /** Higher is more specific. */
    public int specificity() {
        return specificity;
    }
}
