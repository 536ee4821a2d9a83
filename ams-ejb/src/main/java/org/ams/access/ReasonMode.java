package org.ams.access;

/** Whether a user requesting access is asked why (Settings / User interface). */
public enum ReasonMode {

    /** No reason field. */
    HIDDEN("Hidden", "No reason is asked for."),
    /** A reason field that may stay empty. */
    OPTIONAL("Optional", "Users may give a reason; it is stored in the audit log."),
    /** A reason field that must hold more than white space; the request is refused otherwise. */
    REQUIRED("Required", "Every request needs a reason; it is stored in the audit log.");

    private final String label;
    private final String description;

    ReasonMode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
