package org.ams.protocol.wire;

import java.util.List;

/**
 * What a device learns at check-in: its state (PENDING, APPROVED, ...), its effective policy, the active encryption
 * certificate to seal recovery passwords to (X.509 DER, Base64; absent until an administrator creates one), and the
 * protector ids the server already holds for it, so the agent uploads only what is missing.
 * <p>
 * {@code rotateProtectorIds} lists the recovery-password protectors the server wants replaced (a disclosed key, an
 * administrator's "Rotate now"); empty, absent or {@code null} means none, which is what servers that predate
 * rotation send and what the server built today always sends. For each id the agent adds a new recovery-password
 * protector to the same volume, escrows it with {@link ProtectorKey#replacesProtectorId()} set to this id, deletes
 * this protector only after the server acknowledged the new key, and reports a {@link RotationResult} at its next
 * check-in. The server lists an id until it has received a result for it; listing it again while the agent's
 * rotation is under way does not start a second one.
 */
public record CheckInResponse(String deviceState, AgentPolicy policy, String encryptionCertificate,
                              List<String> heldProtectorIds, List<String> rotateProtectorIds) {
}
