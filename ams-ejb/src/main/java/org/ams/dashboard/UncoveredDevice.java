package org.ams.dashboard;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An approved device without a current recovery key in AMS: what the administrator needs to go and look at it.
 *
 * @param deviceId      the device
 * @param name          its computer name, as its agent reported it
 * @param directory     tenant and directory, as {@code Default / AMS}
 * @param registeredAt  when it registered
 * @param lastCheckInAt its agent's last check-in, {@code null} when it never checked in
 */
public record UncoveredDevice(UUID deviceId, String name, String directory, OffsetDateTime registeredAt,
                              OffsetDateTime lastCheckInAt) {
}
