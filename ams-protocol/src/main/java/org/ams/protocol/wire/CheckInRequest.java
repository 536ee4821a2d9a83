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
 * server treats a result for a request it has already closed as a repeat and ignores it.
 * <p>
 * {@code signedInUsers} names the accounts that signed in interactively on the device, as Windows writes them
 * ({@code CORP\jdoe}, {@code jdoe@corp.example}), the most recent first, at most {@value #MAX_SIGNED_IN_USERS}, each
 * at most {@value #MAX_USER_NAME} characters; the server keeps them as the device's recorded users for self-service
 * recovery. Absent or {@code null} (agents that predate it, or that could not read them): not reported, and the
 * server keeps what it had; an empty list: nobody signed in.
 */
public record CheckInRequest(DeviceFacts device, List<String> protectorIds, List<RotationResult> rotationResults,
                             List<String> signedInUsers) {

    public static final int MAX_SIGNED_IN_USERS = 32;
    public static final int MAX_USER_NAME = 256;
}
