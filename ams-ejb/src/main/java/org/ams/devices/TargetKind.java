package org.ams.devices;

/**
 * What a policy or an authorization rule can point at, from the widest to the narrowest: a whole tenant, one of its
 * directories, a device group, or a single computer. {@link #specificity()} orders them for "the most specific one
 * wins" explanations.
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

    /** How people call it on a page. */
    public String label() {
        return label;
    }

    /** Higher is narrower: a computer is more specific than the group it sits in. */
    public int specificity() {
        return specificity;
    }
}
