package org.ams.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rotation the server asked for that the device has not finished: the recovery password (often one shown to
 * someone) stays valid until it does, so the oldest ones are those to chase.
 *
 * @param deviceId    the device
 * @param deviceName  its computer name
 * @param protectorId the protector to replace
 * @param cause       why it was asked for, e.g. {@code DISCLOSED}
 * @param state       {@code REQUESTED}, or {@code REPLACEMENT_HELD} once the replacement is escrowed
 * @param requestedAt when it was asked for
 */
public record WaitingRotation(UUID deviceId, String deviceName, String protectorId, String cause, String state,
                              OffsetDateTime requestedAt) {

    /** How long it has been waiting at {@code now}, in words: "45 min", "5 h 10 min", "3 d 4 h". */
    public String age(Instant now) {
        Duration waiting = Duration.between(requestedAt.toInstant(), now);
        if (waiting.isNegative()) {
            waiting = Duration.ZERO;
        }
        if (waiting.toDays() > 0) {
            return waiting.toDays() + " d " + waiting.toHoursPart() + " h";
        }
        if (waiting.toHours() > 0) {
            return waiting.toHours() + " h " + waiting.toMinutesPart() + " min";
        }
        return waiting.toMinutes() + " min";
    }
}
