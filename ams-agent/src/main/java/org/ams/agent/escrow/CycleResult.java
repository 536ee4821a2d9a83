package org.ams.agent.escrow;

import org.ams.protocol.wire.AgentPolicy;

/** What one cycle did, for the state file, the status command and the service loop. */
public record CycleResult(String deviceState, AgentPolicy policy, int stored, int alreadyHeld, int rejected,
                          int invalid, String summary) {
}
