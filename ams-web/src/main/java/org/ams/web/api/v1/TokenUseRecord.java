package org.ams.web.api.v1;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.audit.AuditOrigin;
import org.ams.protocol.wire.ApiError;
import org.ams.token.ApiTokens;
import org.ams.web.security.AmsAuthentication;

/**
 * Every call made with an API token is in the audit log. Most calls are recorded by the service they reach (an
 * access request, a device decision), naming the token; a call that left no committed record of its own (a list, the
 * Dashboard's figures, a read of the audit log, a refusal such as a missing scope) is recorded here once it has been
 * answered, with its path, query and answer. When that record cannot be written, a successful answer is withheld
 * (503), as an access request fails closed.
 */
@Provider
public class TokenUseRecord implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(TokenUseRecord.class.getName());

    @Context
    private HttpServletRequest request;

    @Inject
    private AuditOrigin origin;

    @EJB
    private ApiTokens tokens;

    @Override
    public void filter(ContainerRequestContext call, ContainerResponseContext answer) {
        if (request.getAttribute(AmsAuthentication.TOKEN_CALLER) == null || origin.hasCommittedRecord()) {
            return;
        }
        String query = call.getUriInfo().getRequestUri().getRawQuery();
        String path = "/api/" + call.getUriInfo().getPath().replaceFirst("^/", "") + (query == null ? "" : "?" + query);
        String outcome = answer.getEntity() instanceof ApiError error ? answer.getStatus() + " " + error.code()
                : String.valueOf(answer.getStatus());
        try {
            tokens.recordCall(call.getMethod() + " " + path, outcome, request.getRemoteAddr());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The use of an API token could not be recorded in the audit log", e);
            if (answer.getStatus() < 300) {
                // Fail closed, as an access request does: what was read is not handed out unrecorded. (A refusal
                // keeps its answer: it hands out nothing.)
                answer.setStatus(503);
                answer.getHeaders().putSingle("Content-Type", "application/json");
                answer.setEntity(new ApiError("SERVICE_UNAVAILABLE", "The call could not be recorded in the audit "
                        + "log, so its answer is withheld; try again later."));
            }
        }
    }
}
