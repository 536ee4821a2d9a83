package org.ams.agents;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ams.devices.DeviceState;
import org.ams.protocol.wire.AgentPolicy;

/** What a device learns at check-in. */
public record CheckInAnswer(DeviceState state, AgentPolicy policy, Optional<X509Certificate> encryptionCertificate,
                            Set<String> heldProtectorIds, List<String> rotateProtectorIds) {
}
