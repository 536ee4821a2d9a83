package org.ams.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: the application is deployed and serving requests. A database outage does not make the
 * server dead (restarting it would not help), only not ready.
 */
@Liveness
@ApplicationScoped
public class Alive implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        // The constructor rather than the builder: the builder needs the server's MicroProfile Health implementation,
        // and AMS answers /health itself on servers without one (HealthEndpoint).
        return new HealthCheckResponse("application", HealthCheckResponse.Status.UP, Optional.empty());
    }
}
