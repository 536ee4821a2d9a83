package org.ams.token;

/**
 * What a token may be used for. A scope only narrows what the owner may do: the owner's roles and authorization rules
 * still decide every call. A scope no call uses yet is not offered, and a token is not issued with it: an
 * administrator must not believe a token does what nothing does.
 */
public enum ApiScope {

    READ_METADATA("Read computer and key metadata", true),
    READ_RECOVERY_PASSWORDS("Read recovery passwords", true),
    /** Reserved for the device administration calls still to come. */
    ADMINISTER_DEVICES("Administer devices", false),
    READ_AUDIT("Read the audit log", true),
    /** Scraping {@code /metrics} from an address outside the metrics allow-list. */
    READ_METRICS("Read metrics", true);

    private final String label;
    private final boolean inUse;

    ApiScope(String label, boolean inUse) {
        this.label = label;
        this.inUse = inUse;
    }

    /** Whether some call of the REST API is allowed by this scope. */
    public boolean inUse() {
        return inUse;
    }

    public String label() {
        return label;
    }
}
