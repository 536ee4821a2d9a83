package org.ams.access;

/**
 * Why a user reads their own device's recovery password: the list Configuration Manager's (and MBAM's) self-service
 * portal offers, plus {@link #OTHER} with the user's own words. Recorded as the audit record's reason.
 */
public enum SelfServiceReason {
    BOOT_ORDER_CHANGED("Operating system boot order changed"),
    BIOS_CHANGED("BIOS changed"),
    OS_FILES_MODIFIED("Operating system files modified"),
    LOST_STARTUP_KEY("Lost startup key"),
    LOST_PIN("Lost PIN"),
    TPM_RESET("TPM reset"),
    LOST_PASSPHRASE("Lost passphrase"),
    LOST_SMARTCARD("Lost smart card"),
    OTHER("Other");

    /** How long the words of {@link #OTHER} may be. */
    public static final int MAX_OTHER = 200;

    private final String label;

    SelfServiceReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The reason as the audit record keeps it: the label, and for {@link #OTHER} the user's words after it.
     *
     * @throws AccessRequestException when no reason was chosen, or Other without words or with too many
     */
    static String stated(SelfServiceReason reason, String otherText) {
        if (reason == null) {
            throw new AccessRequestException("Choose why you need the recovery password.");
        }
        if (reason != OTHER) {
            return reason.label;
        }
        String words = otherText == null ? "" : otherText.strip();
        if (words.isEmpty()) {
            throw new AccessRequestException("You chose Other: say in a few words why you need the recovery password.");
        }
        if (words.length() > MAX_OTHER || words.chars().anyMatch(Character::isISOControl)) {
            throw new AccessRequestException("Say why in at most " + MAX_OTHER + " characters, on one line.");
        }
        return OTHER.label + ": " + words;
    }
}
