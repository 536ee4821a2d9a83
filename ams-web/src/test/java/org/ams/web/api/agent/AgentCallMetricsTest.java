package org.ams.web.api.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ams.protocol.wire.ApiError;
import org.ams.protocol.wire.KeyUploadResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgentCallMetricsTest {

    @Test
    @DisplayName("The outcome label is ok for a success, else the code the agent got, else the bare status")
    void outcomeLabel() {
        assertEquals("ok", AgentCallMetrics.Timing.outcome(200, new KeyUploadResponse(java.util.List.of())));
        assertEquals("ok", AgentCallMetrics.Timing.outcome(204, null));
        assertEquals("device_not_approved", AgentCallMetrics.Timing.outcome(403,
                new ApiError("DEVICE_NOT_APPROVED", "The device is waiting for approval.")));
        assertEquals("service_unavailable", AgentCallMetrics.Timing.outcome(503,
                new ApiError("SERVICE_UNAVAILABLE", "Try again later.")));
        assertEquals("http_404", AgentCallMetrics.Timing.outcome(404, "Not Found"));
        assertEquals("http_500", AgentCallMetrics.Timing.outcome(500, new ApiError(null, "no code")));
    }
}
