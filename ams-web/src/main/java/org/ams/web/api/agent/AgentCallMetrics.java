package org.ams.web.api.agent;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.ams.metrics.AgentCall;
import org.ams.metrics.AmsMetrics;
import org.ams.protocol.wire.ApiError;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorResult;

/**
 * Counts every answer of a {@link MeasuredAgentCall} with its outcome and latency: the one place agent check-ins
 * and key uploads are measured. It runs first and answers last, so that it also sees the requests other filters
 * answer (503 during a database outage) and the refusals the exception mapper writes ({@link AgentApiErrors}); the
 * outcome is {@code ok} or the API error code the agent got. The cost on the request path is two clock reads and a
 * counter increment.
 */
@Provider
public class AgentCallMetrics implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        MeasuredAgentCall measured = resource.getResourceMethod().getAnnotation(MeasuredAgentCall.class);
        if (measured != null) {
            // Before authentication and every other filter: the clock starts as the request arrives.
            context.register(new Timing(measured.value()), Priorities.AUTHENTICATION - 100);
        }
    }

    /** The filter of one measured call. */
    static final class Timing implements ContainerRequestFilter, ContainerResponseFilter {

        private static final String STARTED = AgentCallMetrics.class.getName() + ".started";

        private final AgentCall call;
        private volatile AmsMetrics metrics;

        Timing(AgentCall call) {
            this.call = call;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(STARTED, System.nanoTime());
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            Object started = request.getProperty(STARTED);
            if (!(started instanceof Long)) {
                return;
            }
            long nanos = System.nanoTime() - (Long) started;
            AmsMetrics registry = metrics();
            registry.agentCall(call, outcome(response.getStatus(), response.getEntity()), nanos);
            if (response.getStatus() / 100 == 2 && response.getEntity() instanceof KeyUploadResponse upload) {
                for (ProtectorResult result : upload.results()) {
                    registry.escrowedProtector(result.outcome());
                }
            }
        }

        /** {@code ok}, the agent's error code, or the bare status for an answer without one. */
        static String outcome(int status, Object entity) {
            if (status / 100 == 2) {
                return "ok";
            }
            if (entity instanceof ApiError error && error.code() != null) {
                return error.code().toLowerCase(Locale.ROOT);
            }
            return "http_" + status;
        }

        private AmsMetrics metrics() {
            AmsMetrics found = metrics;
            if (found == null) {
                found = CDI.current().select(AmsMetrics.class).get();
                metrics = found;
            }
            return found;
        }
    }
}
