package org.ams.web.api.agent;

import jakarta.ejb.EJBException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.agents.AgentApiException;
import org.ams.agents.AgentRefusal;
import org.ams.escrow.EscrowRefusedException;
import org.ams.escrow.RotationNotRequestedException;
import org.ams.protocol.wire.ApiError;

/**
 * Every failure of the API answers as an {@link ApiError}: a stable code for the agent and a sentence for its log.
 * Unexpected failures say only that something went wrong on the server; the details go to the server log, which
 * never sees a secret because the exceptions of the crypto layer carry none. A failure while the database does not
 * answer is not a defect: it is answered 503 with {@code Retry-After} and logged once per outage
 * ({@link DatabaseOutage}).
 */
@Provider
public class AgentApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(AgentApiErrors.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AgentApiException) {
            AgentApiException refused = (AgentApiException) cause;
            return error(refused.refusal().status(), refused.refusal().name(), refused.getMessage());
        }
        if (cause instanceof RotationNotRequestedException) {
            return error(AgentRefusal.ROTATION_NOT_REQUESTED.status(), AgentRefusal.ROTATION_NOT_REQUESTED.name(),
                    cause.getMessage());
        }
        if (cause instanceof EscrowRefusedException) {
            // An envelope sealed to a certificate rotated out since the agent's check-in is the agent's to seal
            // again, not a bad key: it gets a code of its own.
            return error(422, ((EscrowRefusedException) cause).unknownCertificate() ? ApiError.UNKNOWN_CERTIFICATE
                    : "KEY_REJECTED", cause.getMessage() + " Nothing of this upload was stored.");
        }
        if (cause instanceof JsonbException || cause instanceof ProcessingException) {
            return error(400, "MALFORMED_REQUEST", "The request body is not the JSON this call expects.");
        }
        if (cause instanceof WebApplicationException) {
            int status = ((WebApplicationException) cause).getResponse().getStatus();
            return error(status, status == 404 ? "NOT_FOUND" : status == 405 ? "METHOD_NOT_ALLOWED"
                    : status == 415 ? "UNSUPPORTED_MEDIA_TYPE" : "REQUEST_REFUSED", cause.getMessage());
        }
        if (CDI.current().select(DatabaseOutage.class).get().explains(cause)) {
            return unavailable();
        }
        LOG.log(Level.SEVERE, "Agent API request failed", cause);
        return error(500, "SERVER_ERROR", "The server could not complete the request; it has been logged.");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof EJBException || current instanceof ProcessingException
                && current.getCause() instanceof JsonbException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** "Try again later": the answer during a {@link DatabaseOutage}. */
    static Response unavailable() {
        return Response.fromResponse(error(503, "SERVICE_UNAVAILABLE", "The server cannot reach its database just "
                        + "now. Nothing of this request was stored; try again later."))
                .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS).build();
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message))
                .build();
    }
}
