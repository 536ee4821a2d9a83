package org.ams.notify;

/**
 * The alerts AMS raises about itself, sent to every enabled channel that takes system alerts
 * ({@link SystemAlerts}). Each names its event for receivers that sort by it ({@code {{event}}}) and a result code
 * for templates written for access requests ({@code {{result}}}).
 */
public enum SystemAlert {

    /** Rotations the server asked for have waited longer than the configured time for their device. */
    ROTATION_OVERDUE("rotation-overdue", "RotationOverdue"),
    /** The escrow verification found stored recovery passwords the server cannot open. */
    UNREADABLE_SECRETS("unreadable-secrets", "UnreadableSecrets");

    private final String eventName;
    private final String resultCode;

    SystemAlert(String eventName, String resultCode) {
        this.eventName = eventName;
        this.resultCode = resultCode;
    }

    public String eventName() {
        return eventName;
    }

    public String resultCode() {
        return resultCode;
    }
}
