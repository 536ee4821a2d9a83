package org.ams.web.api.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.ams.metrics.AgentCall;

/** Marks an agent API method whose outcome and latency {@link AgentCallMetrics} counts. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MeasuredAgentCall {
    AgentCall value();
}
