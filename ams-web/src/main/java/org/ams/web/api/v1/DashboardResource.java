package org.ams.web.api.v1;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ams.dashboard.Dashboard;
import org.ams.dashboard.DashboardSnapshot;
import org.ams.dashboard.EscrowHealth;
import org.ams.protocol.wire.ApiError;
import org.ams.token.ApiScope;
import org.ams.web.api.v1.ApiDtos.DashboardFigures;
import org.ams.web.api.v1.ApiDtos.EscrowHealthFigures;
import org.ams.web.api.v1.ApiDtos.EscrowedOnDay;
import org.ams.web.api.v1.ApiDtos.FailedRotationFigure;
import org.ams.web.api.v1.ApiDtos.WaitingRotationFigure;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Dashboard page's figures for scripts, read by the page's own {@link Dashboard}.
 * <p>
 * Scope READ_METADATA: the figures are counts, dates and the computer names of rotations, metadata of the same kind
 * as a computer's key metadata, and no recovery password. The role is the page's, Administrator, enforced by the
 * service's {@code @RolesAllowed}: the figures cover every tenant, which no authorization rule narrows. The page's
 * recent denials are left out: they are audit records, for a token with READ_AUDIT at {@code /api/v1/audit-records}.
 */
@Path("v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard", description = "The Dashboard's figures (API token)")
@SecurityRequirement(name = "apiToken")
@APIResponse(responseCode = "401", description = "No API token, or an unknown, revoked or expired one",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The token lacks the scope READ_METADATA (SCOPE_MISSING), or its "
        + "owner the Administrator role (FORBIDDEN)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class DashboardResource {

    @EJB
    private Dashboard dashboard;

    @Context
    private HttpServletRequest request;

    @GET
    @Operation(summary = "The Dashboard's figures (scope READ_METADATA; Administrator): devices by state, approved "
            + "devices with and without a current key, stale devices, keys escrowed per day, rotations waiting and "
            + "failed, unreadable secrets and the last escrow verification. Recent denials: see /api/v1/audit-records")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = DashboardFigures.class)))
    @APIResponse(responseCode = "400", description = "staleDays outside 1 to 3650 (INVALID_REQUEST)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DashboardFigures figures(@QueryParam("staleDays") @Parameter(description = "a device is stale after this "
            + "many days without a check-in, 1 to 3650, default 30") Integer staleDays) {
        TokenScopes.require(request, ApiScope.READ_METADATA);
        int days = staleDays == null ? Dashboard.DEFAULT_STALE_DAYS : staleDays;
        if (days < 1 || days > Dashboard.MAX_STALE_DAYS) {
            throw new ApiProblem(400, "INVALID_REQUEST", "staleDays is 1 to " + Dashboard.MAX_STALE_DAYS + ".");
        }
        DashboardSnapshot snapshot;
        try {
            snapshot = dashboard.snapshot(days);
        } catch (EJBAccessException e) {
            throw new ApiProblem(403, "FORBIDDEN", "The token's owner does not hold the Administrator role, which the "
                    + "Dashboard needs.");
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        snapshot.devicesByState().forEach((state, count) -> byState.put(state.name(), count));
        EscrowHealth health = snapshot.escrowHealth();
        return new DashboardFigures(snapshot.takenAt().atOffset(ZoneOffset.UTC), byState, snapshot.withKeys(),
                snapshot.withoutKeys(), snapshot.staleDays(), snapshot.stale(), snapshot.neverCheckedIn(),
                snapshot.escrowedPerDay().stream().map(day -> new EscrowedOnDay(day.day(), day.keys())).toList(),
                new EscrowHealthFigures(health.waiting(), health.oldestWaiting().stream()
                        .map(r -> new WaitingRotationFigure(r.deviceId().toString(), r.deviceName(), r.protectorId(),
                                r.cause(), r.state(), r.requestedAt())).toList(),
                        health.failed(), health.latestFailures().stream()
                        .map(r -> new FailedRotationFigure(r.deviceId().toString(), r.deviceName(), r.protectorId(),
                                r.step(), r.reason(), r.failedAt())).toList(),
                        health.unreadableSecrets(), health.lastVerifiedAt(), health.lastVerifiedKeys()));
    }
}
