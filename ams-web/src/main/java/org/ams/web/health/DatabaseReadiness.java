package org.ams.web.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
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
        return HealthCheckResponse.named("database")
                .status(up)
                .withData("phase", state.phase().name())
                .withData("detail", detail)
                .build();
    }
}
