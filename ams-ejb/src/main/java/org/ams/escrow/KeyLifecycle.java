package org.ams.escrow;

import java.time.OffsetDateTime;

/**
 * Where one escrowed key stands in its life after escrow: who was last shown it and when, its newest rotation's
 * state, and the protector that replaced it. What the helpdesk page and the computer's keys say beside a key.
 *
 * @param lastShownTo  who was last shown its recovery password; {@code null} when nobody was
 * @param lastShownAt  when; {@code null} when nobody was
 * @param rotation     the state of its newest rotation; {@code null} when none was asked for
 * @param failure      for a failed rotation, the step and the agent's reason; {@code null} otherwise
 * @param replacedBy   the protector that replaced it in a rotation; {@code null} otherwise
 */
public record KeyLifecycle(String lastShownTo, OffsetDateTime lastShownAt, RotationRequest.State rotation,
                           String failure, String replacedBy) {

    /** A key nobody was shown and nothing was asked of. */
    public static final KeyLifecycle UNTOUCHED = new KeyLifecycle(null, null, null, null, null);

    public boolean shown() {
        return lastShownTo != null;
    }

    /** The device has been asked to replace it and has not finished. */
    public boolean rotationPending() {
        return rotation != null && rotation.open();
    }
}
