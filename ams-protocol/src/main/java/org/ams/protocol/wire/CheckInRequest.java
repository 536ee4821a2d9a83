package org.ams.protocol.wire;

import java.util.List;

/**
 * A periodic check-in, authenticated by a device assertion. {@code protectorIds} lists every recovery-password
 * protector on the device's encrypted volumes, of every drive type, so the server can mark escrowed keys whose
 * protectors were removed as superseded; {@code null} when the agent could not read its volumes.
 */
public record CheckInRequest(DeviceFacts device, List<String> protectorIds) {
}
