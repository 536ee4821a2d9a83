package org.ams.token;

/**
 * What a token may be used for. A scope only narrows what the owner may do: the owner's roles and authorization rules
 * still decide every call.
 */
public enum ApiScope {

    READ_METADATA("Read computer and key metadata"),
    READ_RECOVERY_PASSWORDS("Read recovery passwords"),
    ADMINISTER_DEVICES("Administer devices"),
    READ_AUDIT("Read the audit log");

    private final String label;

    ApiScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
