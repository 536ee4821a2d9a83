package org.ams.web.api.v1;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequestException;
import org.ams.access.AccessRequests;
import org.ams.access.ComputerCandidate;
import org.ams.access.KeyIdLookup;
import org.ams.access.KeyIdMatch;
import org.ams.access.RevealedKey;
import org.ams.authz.ResultCode;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceNotFoundException;
import org.ams.escrow.Escrow;
import org.ams.escrow.RecoveryKey;
import org.ams.token.ApiScope;
import org.ams.web.api.v1.ApiDtos.Computer;
import org.ams.web.api.v1.ApiDtos.ComputerDetail;
import org.ams.web.api.v1.ApiDtos.ComputerPage;
import org.ams.web.api.v1.ApiDtos.KeyMetadata;
import org.ams.web.api.v1.ApiDtos.PasswordRequest;
import org.ams.web.api.v1.ApiDtos.RecoveryPasswordKey;
import org.ams.web.api.v1.ApiDtos.RecoveryPasswords;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Computers for scripts: finding them, their key metadata, and their recovery passwords. Every call is the helpdesk
 * page's own request to {@link AccessRequests} as the token's owner (so the same rules, reason setting, rate limits,
 * audit records and notifications apply), after the token's scope is checked. A computer the owner may not see gets
 * the same answer as an id no computer has.
 */
@Path("v1/computers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Computers", description = "Computers, their key metadata and their recovery passwords (API token)")
@SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token from Settings / API tokens: Authorization: Bearer ams_...")
@SecurityRequirement(name = "apiToken")
@APIResponse(responseCode = "401", description = "No API token, or an unknown, revoked or expired one",
        content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
@APIResponse(responseCode = "403", description = "The token lacks the scope, or its owner the Helpdesk role",
        content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
public class ComputersResource {

    private static final String NO_PASSWORDS_MESSAGE =
            "There is no computer with this id whose recovery passwords you may read.";

    @EJB
    private AccessRequests accessRequests;

    @EJB
    private DeviceDirectory devices;

    @EJB
    private Escrow escrow;

    @Context
    private HttpServletRequest request;

    @GET
    @Operation(summary = "Find computers by exact name or by the first digits of a recovery key id (scope "
            + "READ_METADATA); only computers the token's owner may see are listed. A key id lookup is audited and "
            + "counted against the rate limits, as on the helpdesk page")
    @APIResponse(responseCode = "200", description = "The computers found, paged",
            content = @Content(schema = @Schema(implementation = ComputerPage.class)))
    @APIResponse(responseCode = "400", description = "Neither or both of name and keyId, a malformed key id, a bad "
            + "page, or a reason required and missing")
    @APIResponse(responseCode = "429", description = "The owner's or the address's rate limit is reached")
    public ComputerPage find(@QueryParam("name") @Parameter(description = "the computer's name") String name,
                             @QueryParam("keyId") @Parameter(description = "8 to 32 hex digits of a recovery key id")
                             String keyId,
                             @QueryParam("reason") @Parameter(description = "why, as on the helpdesk page")
                             String reason,
                             @QueryParam("offset") @Parameter(description = "first item, default 0") Integer offset,
                             @QueryParam("limit") @Parameter(description = "items per page, 1 to 100, default 50")
                             Integer limit) {
        require(ApiScope.READ_METADATA);
        ApiInput.Page requested = ApiInput.page(offset, limit);
        boolean byName = name != null && !name.isBlank();
        boolean byKeyId = keyId != null && !keyId.isBlank();
        if (byName == byKeyId) {
            throw new ApiProblem(400, "INVALID_REQUEST", "Give either name or keyId.");
        }
        List<Computer> found;
        if (byName) {
            found = call(() -> accessRequests.findComputers(request.getRemoteAddr(), name, reason)).stream()
                    .map(ComputersResource::computer).toList();
        } else {
            KeyIdLookup lookup = call(() -> accessRequests.lookUpKeyId(request.getRemoteAddr(), keyId, reason));
            if (!lookup.performed()) {
                throw refused(lookup.result(), ApiProblem.NOT_FOUND_MESSAGE);
            }
            Map<UUID, Computer> computers = new LinkedHashMap<>();
            for (KeyIdMatch match : lookup.matches()) {
                computers.putIfAbsent(match.deviceId(), computer(match.computer()));
            }
            found = new ArrayList<>(computers.values());
        }
        List<Computer> page = found.stream().skip(requested.first()).limit(requested.max()).toList();
        return new ComputerPage(page, requested.first(), requested.max(), found.size());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A computer's state, last check-in and the metadata of its escrowed keys (scope "
            + "READ_METADATA): a key metadata request, audited and counted like one on the helpdesk page")
    @APIResponse(responseCode = "200", description = "The computer",
            content = @Content(schema = @Schema(implementation = ComputerDetail.class)))
    @APIResponse(responseCode = "404", description = "No computer with this id that the owner may see")
    @APIResponse(responseCode = "429", description = "The owner's or the address's rate limit is reached")
    public ComputerDetail computer(@PathParam("id") String id,
                                   @QueryParam("reason") @Parameter(description = "why, as on the helpdesk page")
                                   String reason) {
        require(ApiScope.READ_METADATA);
        UUID deviceId = ApiInput.id(id, ApiProblem.NOT_FOUND_MESSAGE);
        AccessOutcome outcome = call(() -> accessRequests.requestKeyMetadata(request.getRemoteAddr(), deviceId,
                reason));
        if (!outcome.granted()) {
            throw refused(outcome.result(), ApiProblem.NOT_FOUND_MESSAGE);
        }
        Device device = devices.find(deviceId).orElseThrow(ApiProblem::notFound);
        Map<UUID, RecoveryKey> stored = escrow.keysOf(deviceId).stream()
                .collect(Collectors.toMap(RecoveryKey::getId, key -> key));
        List<KeyMetadata> keys = outcome.keys().stream().map(key -> {
            Optional<RecoveryKey> row = Optional.ofNullable(stored.get(key.id()));
            var confirmedAt = row.map(RecoveryKey::getConfirmedAt).orElse(null);
            return new KeyMetadata(key.volumeId(), key.mountPoint(), driveTypeName(key), key.keyId(),
                    key.protectorId(), key.state().name(), true, key.escrowedAt(), confirmedAt != null, confirmedAt,
                    key.lifecycle().shown(), key.lifecycle().lastShownAt());
        }).toList();
        return new ComputerDetail(device.getId().toString(), device.getName(), device.getDnsName(),
                device.getState().name(), device.getLastCheckInAt(), keys, outcome.auditSequence());
    }

    @POST
    @Path("{id}/recovery-passwords")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a computer's recovery passwords (scope READ_RECOVERY_PASSWORDS): exactly the helpdesk "
            + "page's request, with the same rules, reason setting, rate limits, fail-closed audit record and "
            + "notifications; the record names the token")
    @APIResponse(responseCode = "200", description = "Granted: the passwords of the current and earlier keys",
            content = @Content(schema = @Schema(implementation = RecoveryPasswords.class)))
    @APIResponse(responseCode = "400", description = "A reason is required and missing (ReasonRequired), or too long")
    @APIResponse(responseCode = "404", description = "No computer with this id whose passwords the owner may read")
    @APIResponse(responseCode = "429", description = "UserRateLimitExceeded or IpRateLimitExceeded")
    @APIResponse(responseCode = "409", description = "ApprovalPending: the granting rule requires approval; the "
            + "request waits on the Approvals page, and the passwords are returned once it is approved")
    @APIResponse(responseCode = "503", description = "NotificationFailed: a fail-closed notification channel could "
            + "not be reached, so nothing was shown")
    public RecoveryPasswords recoveryPasswords(@PathParam("id") String id, PasswordRequest body) {
        require(ApiScope.READ_RECOVERY_PASSWORDS);
        UUID deviceId = ApiInput.id(id, NO_PASSWORDS_MESSAGE);
        String reason = body == null ? null : body.reason();
        String address = request.getRemoteAddr();
        AccessOutcome outcome = call(() -> accessRequests.requestRecoveryPasswords(address, deviceId, reason),
                NO_PASSWORDS_MESSAGE);
        if (!outcome.granted()) {
            throw refused(outcome.result(), NO_PASSWORDS_MESSAGE);
        }
        if (outcome.passwordsHidden()) {
            // The page shows each password on a click, recorded as it is made; a script is shown them all at once,
            // so each is recorded here, as if clicked.
            for (RevealedKey key : outcome.keys()) {
                call(() -> accessRequests.recordReveal(address, outcome.auditSequence(), key.keyId()),
                        NO_PASSWORDS_MESSAGE);
            }
        }
        List<RecoveryPasswordKey> keys = outcome.keys().stream().map(key -> new RecoveryPasswordKey(key.volumeId(),
                key.mountPoint(), driveTypeName(key), key.keyId(), key.protectorId(), key.state().name(),
                key.escrowedAt(), key.password() == null ? null : new String(key.password().toCharArray()))).toList();
        return new RecoveryPasswords(outcome.result().code(), outcome.deviceId().toString(), outcome.computerName(),
                outcome.auditSequence(), keys);
    }

    /** {@code null} for a key imported from a directory, which does not record the drive type. */
    private static String driveTypeName(RevealedKey key) {
        return key.driveType() == null ? null : key.driveType().name();
    }

    /** The token must carry the scope; the owner's roles and rules decide the rest. */
    private void require(ApiScope scope) {
        TokenScopes.require(request, scope);
    }

    private static <T> T call(Supplier<T> service) {
        return call(service, ApiProblem.NOT_FOUND_MESSAGE);
    }

    /** Runs one service call, turning its refusals into the API's answers. */
    private static <T> T call(Supplier<T> service, String notFound) {
        try {
            return service.get();
        } catch (AccessRequestException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", e.getMessage());
        } catch (DeviceNotFoundException e) {
            throw new ApiProblem(404, "NOT_FOUND", notFound);
        } catch (EJBAccessException e) {
            throw new ApiProblem(403, "FORBIDDEN", "The token's owner does not hold the Helpdesk role, which these "
                    + "calls need.");
        }
    }

    /**
     * A request the service answered with a refusal. The rules' refusals read exactly like an unknown computer, so
     * a script cannot learn which computers exist; the audit log holds the precise result code.
     */
    private static ApiProblem refused(ResultCode result, String notFound) {
        return switch (result) {
            case REASON_REQUIRED -> new ApiProblem(400, result.code(), "A reason is required: say why you need it.");
            case USER_RATE_LIMIT_EXCEEDED -> new ApiProblem(429, result.code(),
                    "You have reached your limit of access requests; try again later.");
            case IP_RATE_LIMIT_EXCEEDED -> new ApiProblem(429, result.code(),
                    "This address has reached its limit of access requests; try again later.");
            case NOTIFICATION_FAILED -> new ApiProblem(503, result.code(), "A required notification could not be "
                    + "delivered, so nothing was shown; try again later or ask an administrator.");
            case APPROVAL_PENDING -> new ApiProblem(409, result.code(), "The rule that grants these recovery "
                    + "passwords requires approval first; the request waits on the Approvals page. Ask again once it "
                    + "is approved.");
            default -> new ApiProblem(404, "NOT_FOUND", notFound);
        };
    }

    private static Computer computer(ComputerCandidate candidate) {
        return new Computer(candidate.deviceId().toString(), candidate.name(), candidate.dnsName(),
                candidate.directory(), candidate.lastCheckInAt());
    }
}
