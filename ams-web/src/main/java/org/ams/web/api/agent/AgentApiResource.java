package org.ams.web.api.agent;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.ams.agents.AgentCalls;
import org.ams.agents.AgentRegistration;
import org.ams.agents.CheckInAnswer;
import org.ams.devices.Device;
import org.ams.metrics.AgentCall;
import org.ams.protocol.wire.AgentApi;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.ProtectorResult;
import org.ams.protocol.wire.RegistrationRequest;
import org.ams.protocol.wire.RegistrationResponse;
import org.ams.web.PublicUrl;

/**
 * The three calls an agent makes. Each checks its input, calls one service and maps the answer. The two calls that
 * need a device assertion take their body as bytes and read it only after the service has authenticated the device,
 * so that a request without a valid assertion gets 401 whatever its body holds.
 */
@Path("agent/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "MALFORMED_REQUEST: the body is not the JSON this call expects")
@APIResponse(responseCode = "413", description = "REQUEST_TOO_LARGE")
@APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the server cannot reach its database just now; "
        + "try again after Retry-After")
public class AgentApiResource {

    @EJB
    private AgentRegistration registration;

    @EJB
    private AgentCalls calls;

    @Context
    private UriInfo uri;

    @POST
    @Path("registrations")
    @Operation(summary = "Register a device with a registration key and the device's own EC P-256 public key")
    @APIResponse(responseCode = "200", description = "Registered: the device's id and state (APPROVED or PENDING)",
            content = @Content(schema = @Schema(implementation = RegistrationResponse.class)))
    @APIResponse(responseCode = "403", description = "AGENT_SUPPORT_DISABLED, INVALID_REGISTRATION_KEY, "
            + "REGISTRATION_KEY_DISABLED, REGISTRATION_KEY_EXPIRED or REGISTRATION_KEY_EXHAUSTED")
    @APIResponse(responseCode = "409", description = "DEVICE_ALREADY_REGISTERED: this public key is registered")
    public RegistrationResponse register(RegistrationRequest request) {
        WireInput.require(request, "body");
        byte[] publicKey = WireInput.base64(request.publicKey(), "publicKey", 1024);
        Device device = registration.register(request.registrationKey(), publicKey,
                WireInput.facts(request.device()));
        return new RegistrationResponse(device.getId().toString(), device.getState().name());
    }

    @POST
    @Path("check-ins")
    @MeasuredAgentCall(AgentCall.CHECK_IN)
    @Operation(summary = "Check in: report the device, learn its state, policy, the active encryption certificate "
            + "the protector ids already escrowed and those to replace; report finished rotations (needs a device assertion)")
    @APIResponse(responseCode = "200", description = "The device's state and what the agent is to do",
            content = @Content(schema = @Schema(implementation = CheckInResponse.class)))
    @APIResponse(responseCode = "401", description = "MISSING_ASSERTION, INVALID_ASSERTION, ASSERTION_EXPIRED, "
            + "ASSERTION_REPLAYED or UNKNOWN_DEVICE")
    @APIResponse(responseCode = "403", description = "AGENT_SUPPORT_DISABLED, DEVICE_REJECTED, DEVICE_DISABLED or "
            + "DEVICE_DELETED")
    @APIResponse(responseCode = "409", description = "ROTATION_NOT_REQUESTED: a finished rotation AMS did not ask for")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CheckInRequest.class)))
    public CheckInResponse checkIn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        String assertion = WireInput.assertion(authorization);
        String audience = audience();
        CheckInAnswer answer = DeviceRace.retried(() -> calls.checkIn(assertion, audience,
                () -> WireInput.checkIn(body)));
        return new CheckInResponse(answer.state().name(), answer.policy(),
                answer.encryptionCertificate().map(WireInput::encode).orElse(null),
                answer.heldProtectorIds().stream().sorted().collect(Collectors.toList()),
                answer.rotateProtectorIds());
    }

    @POST
    @Path("keys")
    @MeasuredAgentCall(AgentCall.KEY_UPLOAD)
    @Operation(summary = "Escrow recovery passwords sealed to the active certificate; all or nothing (needs a device "
            + "assertion)")
    @APIResponse(responseCode = "200", description = "Stored: each protector's result",
            content = @Content(schema = @Schema(implementation = KeyUploadResponse.class)))
    @APIResponse(responseCode = "401", description = "MISSING_ASSERTION, INVALID_ASSERTION, ASSERTION_EXPIRED, "
            + "ASSERTION_REPLAYED or UNKNOWN_DEVICE")
    @APIResponse(responseCode = "403", description = "AGENT_SUPPORT_DISABLED, DEVICE_PENDING, DEVICE_REJECTED, "
            + "DEVICE_DISABLED, DEVICE_DELETED or DRIVE_TYPE_NOT_ALLOWED; nothing was stored")
    @APIResponse(responseCode = "409", description = "NO_ENCRYPTION_CERTIFICATE; nothing was stored")
    @APIResponse(responseCode = "422", description = "KEY_REJECTED (not a recovery password sealed to a certificate "
            + "AMS holds) or UNKNOWN_CERTIFICATE; nothing of the upload was stored")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyUploadRequest.class)))
    public KeyUploadResponse uploadKeys(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        String assertion = WireInput.assertion(authorization);
        String audience = audience();
        List<ProtectorResult> results = DeviceRace.retried(() -> calls.uploadKeys(assertion, audience,
                        () -> WireInput.volumes(body))).stream()
                .map(outcome -> new ProtectorResult(outcome.protectorId().value(), outcome.result().name(), null))
                .collect(Collectors.toList());
        return new KeyUploadResponse(results);
    }

    /** The URL agents address their assertions to: the configured public URL, or the one this request came in on. */
    private String audience() {
        URI base = uri.getBaseUri();
        return AgentApi.audience(PublicUrl.of(base.getScheme(), base.getHost(), base.getPort()));
    }
}
