package org.ams.agents;

import jakarta.ejb.ApplicationException;

/** A refused agent request: the code says why, the message says it in words, and nothing was stored. */
@ApplicationException(rollback = true)
public class AgentApiException extends RuntimeException {

    private final AgentRefusal refusal;

    public AgentApiException(AgentRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public AgentRefusal refusal() {
        return refusal;
    }
}
