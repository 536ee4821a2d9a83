package org.ams.web.api.agent;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** A successful answer proves the database answers again: it ends a {@link DatabaseOutage} in progress. */
@Provider
public class ApiAnswers implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 == 2) {
            CDI.current().select(DatabaseOutage.class).get().answered();
        }
    }
}
