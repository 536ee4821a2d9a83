package org.ams.agent.state;

import java.time.Instant;
import org.ams.protocol.wire.AgentPolicy;

/**
 * The agent's persisted state. {@code trustStorePassword} protects only the integrity of a file of public
 * certificates, so it is kept here rather than asked for at every run.
 */
public record AgentState(String serverUrl, String deviceId, String deviceName, String pinSha256,
                         String trustStore, String trustStorePassword, Instant registeredAt, String deviceState,
                         AgentPolicy policy, Instant lastCheckInAt, String lastCheckInResult) {

    /** The policy the agent applies before the server has sent one: back up everything, check in hourly. */
    public static final AgentPolicy INITIAL_POLICY = new AgentPolicy(60, true, true, true);

    public AgentPolicy effectivePolicy() {
        return policy == null ? INITIAL_POLICY : policy;
    }

    public AgentState withCheckIn(String newDeviceState, AgentPolicy newPolicy, Instant at, String result) {
        return new AgentState(serverUrl, deviceId, deviceName, pinSha256, trustStore, trustStorePassword,
                registeredAt, newDeviceState == null ? deviceState : newDeviceState,
                newPolicy == null ? policy : newPolicy, at, result);
    }

    public AgentState withResult(Instant at, String result) {
        return withCheckIn(null, null, at, result);
    }
}
