package org.ams.escrow;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An escrowed key whose sealed secret the last verification could not open: which device and protector it is, so an
 * administrator can have the device escrow it again (or rotate it), and why, in words that hold no secret.
 *
 * @param keyId           the escrowed key
 * @param deviceName      its device
 * @param protectorId     its protector on the device
 * @param state           whether it is current or history
 * @param unreadableSince when verification first failed to open it
 * @param reason          why
 */
public record UnreadableKey(UUID keyId, String deviceName, String protectorId, KeyState state,
                            OffsetDateTime unreadableSince, String reason) {

    /** As the audit log names it. */
    public String describe() {
        return protectorId + " of " + deviceName + (state == KeyState.CURRENT ? "" : " (history)") + ": " + reason;
    }
}
