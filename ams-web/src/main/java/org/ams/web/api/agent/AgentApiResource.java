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
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CheckInRequest.class)))
    public CheckInResponse checkIn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        CheckInAnswer answer = calls.checkIn(WireInput.assertion(authorization), audience(),
                () -> WireInput.checkIn(body));
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
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyUploadRequest.class)))
    public KeyUploadResponse uploadKeys(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        List<ProtectorResult> results = calls.uploadKeys(WireInput.assertion(authorization), audience(),
                        () -> WireInput.volumes(body)).stream()
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
