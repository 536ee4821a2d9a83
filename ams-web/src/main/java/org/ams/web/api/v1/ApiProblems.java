package org.ams.web.api.v1;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.ams.protocol.wire.ApiError;

/** Answers an {@link ApiProblem} in the API's one error shape, {@link ApiError}. */
@Provider
public class ApiProblems implements ExceptionMapper<ApiProblem> {

    @Override
    public Response toResponse(ApiProblem problem) {
        Response.ResponseBuilder answer = Response.status(problem.status()).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(new ApiError(problem.code(), problem.getMessage()));
        if (problem.status() == 429) {
            answer.header("Retry-After", "60");
        }
        return answer.build();
    }
}
