package org.ams.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * Every REST resource of AMS lives under {@code /api}. Its OpenAPI description is served at {@code /openapi}, open to
 * anyone, so that agent and integration authors can read the contract.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "AMS API", version = "1",
        description = "The agent API (/api/agent/v1): device registration, check-in and escrow of BitLocker "
                + "recovery passwords sealed to the server's encryption certificate. The REST API for scripts "
                + "(/api/v1, an API token from Settings / API tokens as Authorization: Bearer): computers, their key "
                + "metadata and, on an explicit audited call, their recovery passwords; device administration and "
                + "effective access; audit records; the Dashboard's figures. Every use of a token is in the audit "
                + "log. Every refusal is an ApiError {code, message}."))
public class RestApplication extends Application {
}
