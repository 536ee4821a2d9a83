package org.ams.web.admin.agent;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ams.escrow.KeyDisclosure;
import org.ams.escrow.KeyState;
import org.ams.escrow.RecoveryKey;
import org.ams.escrow.RotationRequest;
import org.ams.web.UtcTime;

/**
 * One escrowed key as the device's keys dialog lists it: where it belongs, whether the device still has it, who was
 * last shown it and how its latest rotation stands. Made of the key's metadata only; the row never holds a recovery
 * password, so neither does the view state the dialog is kept in.
 */
public final class EscrowedKeyRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String drive;
    private final String keyId;
    private final String protectorId;
    private final String escrowedAt;
    private final boolean current;
    private final String replacedBy;
    private final String shown;
    private final String rotation;
    private final boolean rotationOpen;
    private final String onDevice;
    private final String verified;

    private EscrowedKeyRow(RecoveryKey key, RotationRequest latest, KeyDisclosure lastShown, long timesShown) {
        this.id = key.getId();
        this.drive = key.getDriveLabel() + (key.getMountPoint() == null || key.getMountPoint().isBlank()
                ? " (no drive letter)" : " " + key.getMountPoint());
        this.keyId = key.getKeyId();
        this.protectorId = key.getProtectorId();
        this.escrowedAt = format(key.getEscrowedAt());
        this.current = key.getState() == KeyState.CURRENT;
        this.replacedBy = key.getReplacedByProtectorId();
        this.shown = lastShown == null ? "Never shown"
                : "Shown " + (timesShown == 1 ? "once" : timesShown + " times") + "; last to "
                + lastShown.getDisclosedTo() + " at " + format(lastShown.getDisclosedAt());
        this.rotation = latest == null ? "None requested" : rotation(latest);
        this.rotationOpen = latest != null && latest.getState().open();
        String confirmed = !current ? null : key.getConfirmedAt() == null ? "Not reported by the device since escrowed"
                : "Confirmed on the device at " + format(key.getConfirmedAt());
        this.onDevice = key.getOrigin() == null ? confirmed
                : key.originNote() + (confirmed == null ? "" : ". " + confirmed);
        this.verified = key.getUnreadableSince() != null ? "Unreadable since " + format(key.getUnreadableSince())
                + ": " + key.getUnreadableReason() : key.getLastVerifiedAt() == null ? "Not verified yet"
                : "Verified " + format(key.getLastVerifiedAt()) + ": it opens and holds a valid recovery password";
    }

    /**
     * @param latest     the key's newest rotation request, or {@code null}
     * @param lastShown  the newest showing of the key, or {@code null}
     * @param timesShown how often it was shown
     */
    static EscrowedKeyRow of(RecoveryKey key, RotationRequest latest, KeyDisclosure lastShown, long timesShown) {
        return new EscrowedKeyRow(key, latest, lastShown, timesShown);
    }

    private static String rotation(RotationRequest request) {
        return switch (request.getState()) {
            case REQUESTED -> "Rotation requested at " + format(request.getRequestedAt()) + " (reason: "
                    + reason(request) + "); the device replaces it at its next check-in";
            case REPLACEMENT_HELD -> "Replacement " + request.getNewProtectorId() + " escrowed, waiting for the "
                    + "device to remove the old one";
            case DONE -> "Replaced by " + request.getNewProtectorId() + " at " + format(request.getCompletedAt());
            case FAILED -> "Failed at step " + request.getFailedStep() + ": " + request.getFailureReason()
                    + " (" + format(request.getCompletedAt()) + ")";
            case CANCELLED -> "Cancelled at " + format(request.getCompletedAt()) + ": the key left the device "
                    + "before the agent replaced it";
        };
    }

    private static String reason(RotationRequest request) {
        return switch (request.getCause()) {
            case DISCLOSED -> "shown to " + request.getRequestedBy();
            case AGE -> "older than the agent policy allows";
            case ADMINISTRATOR -> "Rotate now by " + request.getRequestedBy();
            case SHOWN_TO_USER -> "incident response by " + request.getRequestedBy() + ", shown to a user";
            case DEVICE_GROUP -> "incident response by " + request.getRequestedBy() + ", device group";
            case SELF_SERVICE -> "read by its user " + request.getRequestedBy() + " (self-service)";
        };
    }

    private static String format(OffsetDateTime time) {
        return UtcTime.minute(time);
    }

    public UUID getId() {
        return id;
    }

    public String getDrive() {
        return drive;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getProtectorId() {
        return protectorId;
    }

    public String getEscrowedAt() {
        return escrowedAt;
    }

    public boolean isCurrent() {
        return current;
    }

    public String getState() {
        return current ? "Current" : "History";
    }

    /** Why a history key is history: "replaced by protector" (followed by {@link #getReplacedBy()}) or not. */
    public String getHistoryNote() {
        return current ? null : replacedBy == null ? "no longer on the device" : "replaced by protector";
    }

    /** The protector that replaced this key in a rotation; {@code null} otherwise. */
    public String getReplacedBy() {
        return replacedBy;
    }

    /**
     * For a current key, whether the device still reports its protector: "Confirmed on the device at T" (the last
     * check-in that reported it, refreshed at most every half check-in interval) or not reported since escrow.
     */
    public String getOnDevice() {
        return onDevice;
    }

    /** What the escrow verification found: the secret opens and holds a valid recovery password, or why not. */
    public String getVerified() {
        return verified;
    }

    public String getShown() {
        return shown;
    }

    public String getRotation() {
        return rotation;
    }

    /** Whether a Rotate now would ask for something: a current key without a rotation under way. */
    public boolean isRotatable() {
        return current && !rotationOpen;
    }
}
