package org.ams.protocol.wire;

import java.util.List;

/**
 * A periodic check-in, authenticated by a device assertion. {@code protectorIds} lists every recovery-password
 * protector on the device's encrypted volumes, of every drive type, so the server can mark escrowed keys whose
 * protectors were removed as superseded; {@code null} when the agent could not read its volumes.
 * <p>
 * {@code rotationResults} reports the outcome of every key rotation the agent finished (done or failed) since its
 * last check-in that the server answered; absent or {@code null} from agents that predate rotation, which means none.
 * A result may arrive twice (the agent crashed after the server answered but before it forgot the result): the
 * server treats a result for a request it has already closed as a repeat and ignores it. The server built today
 * reads the field but does nothing with it yet.
 */
public record CheckInRequest(DeviceFacts device, List<String> protectorIds, List<RotationResult> rotationResults) {
}
