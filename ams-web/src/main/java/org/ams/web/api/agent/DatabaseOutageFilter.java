package org.ams.web.api.agent;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * While a {@link DatabaseOutage} lasts, a request is answered 503 before any service is called: a call into the
 * services would fail in the database and the EJB container would log each failure with its stack trace. A
 * successful answer ends the outage.
 */
@Provider
public class DatabaseOutageFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (outage().continuing()) {
            request.abortWith(AgentApiErrors.unavailable());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 == 2) {
            outage().answered();
        }
    }

    private static DatabaseOutage outage() {
        return CDI.current().select(DatabaseOutage.class).get();
    }
}
