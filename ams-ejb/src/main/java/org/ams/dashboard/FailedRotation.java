package org.ams.dashboard;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rotation the device's agent reported as failed, for a key that is still current: the old recovery password is
 * still the one on the device, and a failure is not retried by itself (an administrator looks at it first).
 *
 * @param deviceId    the device
 * @param deviceName  its computer name
 * @param protectorId the protector that was to be replaced
 * @param step        the agent's step that failed, e.g. {@code ADD}
 * @param reason      the agent's reason, as it reported it
 * @param failedAt    when the agent finished trying
 */
public record FailedRotation(UUID deviceId, String deviceName, String protectorId, String step, String reason,
                             OffsetDateTime failedAt) {
}
