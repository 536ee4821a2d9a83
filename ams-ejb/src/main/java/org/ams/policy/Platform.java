package org.ams.policy;

/** The operating systems agents run on. Only Windows agents exist today; the model leaves room for the others. */
public enum Platform {

    WINDOWS("Windows");

    private final String label;

    Platform(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
