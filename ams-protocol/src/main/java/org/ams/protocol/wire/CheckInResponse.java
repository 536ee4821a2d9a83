package org.ams.protocol.wire;

import java.util.List;

/**
 * What a device learns at check-in: its state (PENDING, APPROVED, ...), its effective policy, the active encryption
 * certificate to seal recovery passwords to (X.509 DER, Base64; absent until an administrator creates one), and the
 * protector ids the server already holds for it, so the agent uploads only what is missing.
 */
public record CheckInResponse(String deviceState, AgentPolicy policy, String encryptionCertificate,
                              List<String> heldProtectorIds) {
}
