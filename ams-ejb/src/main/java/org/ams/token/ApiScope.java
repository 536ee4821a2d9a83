package org.ams.token;

/**
 * What a token may be used for. A scope only narrows what the owner may do: the owner's roles and authorization rules
 * still decide every call. A scope no call uses yet is not offered, and a token is not issued with it: an
 * administrator must not believe a token does what nothing does.
 */
public enum ApiScope {

    READ_METADATA("Read computer and key metadata", true),
    READ_RECOVERY_PASSWORDS("Read recovery passwords", true),
    /**
     * The Devices page's list and decisions ({@code /api/v1/devices}), and the Effective access page's answer
     * ({@code /api/v1/computers/{id}/effective-access}); the owner needs the Administrator role for both. Effective
     * access is a read, but not of computer metadata: it tells who may read which computer's keys and through which
     * rules and groups, an administrator's view of the authorization configuration. READ_METADATA is the helpdesk's
     * inventory scope and must not carry it; an administrator's device script, which finds the computer's id in the
     * device list (the helpdesk search only finds computers the owner's rules let them see), already holds this one.
     */
    ADMINISTER_DEVICES("Administer devices and check effective access", true),
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
