package org.ams.web.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ams.platform.DatabaseMigration;
import org.ams.platform.DatabaseState;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: UP only when the migrations are done and the database answers now. A load balancer or an
 * orchestrator can then keep traffic away from a server whose database is gone.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @EJB
    private DatabaseMigration database;

    @Override
    public HealthCheckResponse call() {
        DatabaseState state = database.state();
        boolean up = state.ready() && database.reachable();
        String detail = state.ready() && !up ? "the database does not answer" : state.detail();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phase", state.phase().name());
        data.put("detail", detail);
        // The constructor, not the builder, which needs the server's MicroProfile Health implementation (see Alive).
        return new HealthCheckResponse("database", up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }
}
