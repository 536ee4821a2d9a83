package org.ams.protocol.wire;

/** A periodic check-in, authenticated by a device assertion. */
public record CheckInRequest(DeviceFacts device) {
}
