package org.ams.web.api.v1;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.Decision;
import org.ams.authz.Permission;
import org.ams.authz.RuleConsideration;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceNotFoundException;
import org.ams.devices.DevicePlacement;
import org.ams.devices.Targets;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.RoleService;
import org.ams.token.ApiScope;
import org.ams.web.api.v1.ApiDtos.EffectiveAccess;
import org.ams.web.api.v1.ApiDtos.EntryMatch;
import org.ams.web.api.v1.ApiDtos.Principal;
import org.ams.web.api.v1.ApiDtos.RuleConsidered;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Effective access page for scripts: the decision a request by a user for a computer would get now, and every rule
 * and entry that produced it, from the page's own services ({@link RoleService#describe} for the user's groups,
 * {@link AuthorizationDecisions#explain} for the decision). The services admit administrators only; the token needs
 * {@link ApiScope#ADMINISTER_DEVICES}. Asking changes nothing and is not an access request: it is not audited, as on
 * the page.
 */
@Path("v1/computers/{id}/effective-access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Effective access", description = "Who may read a computer's keys, and why (API token, scope "
        + "ADMINISTER_DEVICES, owner with the Administrator role)")
@SecurityRequirement(name = "apiToken")
public class EffectiveAccessResource {

    private static final String NOT_FOUND_MESSAGE = "There is no computer with this id.";

    @EJB
    private AuthorizationDecisions decisions;

    @EJB
    private RoleService roles;

    @EJB
    private Targets targets;

    @Context
    private HttpServletRequest request;

    @GET
    @Operation(summary = "The decision a request by the user for this computer would get now, with the rules "
            + "considered (also those naming the user but about other computers) and their entries naming the user "
            + "or their groups, exactly as the Effective access page shows them. Changes nothing")
    @APIResponse(responseCode = "200", description = "The decision, granted or not",
            content = @Content(schema = @Schema(implementation = EffectiveAccess.class)))
    @APIResponse(responseCode = "400", description = "No user, an unknown permission, or several users of that name "
            + "(AMBIGUOUS_USER: give source)",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    @APIResponse(responseCode = "401", description = "No API token, or an unknown, revoked or expired one",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    @APIResponse(responseCode = "403", description = "SCOPE_MISSING: the token lacks ADMINISTER_DEVICES; FORBIDDEN: "
            + "its owner lacks the Administrator role",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no computer with this id; USER_NOT_FOUND: no user "
            + "of that name in any identity source",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    @APIResponse(responseCode = "503", description = "The user's identity source cannot be reached just now",
            content = @Content(schema = @Schema(implementation = org.ams.protocol.wire.ApiError.class)))
    public EffectiveAccess effectiveAccess(
            @PathParam("id") String id,
            @QueryParam("user") @Parameter(description = "the user's name (account name), in any case",
                    required = true) String user,
            @QueryParam("source") @Parameter(description = "the user's identity source (local, ldap:<id> or oidc), when "
                    + "several sources have a user of that name") String source,
            @QueryParam("permission") @Parameter(description = "READ_BITLOCKER_RECOVERY_PASSWORD (default) or "
                    + "READ_BITLOCKER_KEY_METADATA") String permission) {
        TokenScopes.require(request, ApiScope.ADMINISTER_DEVICES);
        if (user == null || user.isBlank()) {
            throw new ApiProblem(400, "INVALID_REQUEST", "Name the user: user=<account name>.");
        }
        Permission asked = permission(permission);
        // The user first: the services refuse an owner without the Administrator role before any computer is
        // looked up, so such a token learns nothing about which computers exist.
        PrincipalRef principal = user(user.strip(), source);
        UUID deviceId = ApiInput.id(id, NOT_FOUND_MESSAGE);
        RoleService.DescribedUser explainable = call(() -> roles.explainable(principal));
        AuthenticatedUser described = explainable.user();
        Decision decision = call(() -> decisions.explain(described.user(), described.groups(), deviceId, asked));
        List<RuleConsidered> rules = decision.explanation().stream().map(rule -> considered(rule, decision))
                .toList();
        return new EffectiveAccess(deviceId.toString(), principal(described.user()),
                described.groups().stream().sorted(Comparator.comparing(PrincipalRef::name,
                        String.CASE_INSENSITIVE_ORDER)).map(EffectiveAccessResource::principal).toList(),
                asked.name(), decision.result().code(), decision.granted(), decision.verdict(described.username()),
                decision.decidingRule() == null ? null : decision.decidingRule().ruleId().toString(), rules,
                explainable.groupsAsOf() == null ? null : explainable.groupsAsOf().toInstant().toString());
    }

    /**
     * The user of that name, as the page's picker finds them: every identity source is searched; exactly one user may
     * bear the name (in any case), or the source must be named.
     */
    private PrincipalRef user(String name, String source) {
        RoleService.PrincipalSearch search = call(() -> roles.searchPrincipals(name));
        List<PrincipalRef> named = search.found().stream()
                .filter(found -> found.kind() == PrincipalKind.USER && found.name().equalsIgnoreCase(name))
                .filter(found -> source == null || source.isBlank() || found.source().equals(source.strip()))
                .toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new ApiProblem(400, "AMBIGUOUS_USER", "Several users are called " + name + ", in the identity "
                    + "sources " + named.stream().map(PrincipalRef::source).distinct().sorted()
                    .collect(Collectors.joining(", ")) + ": add source=<one of them>.");
        }
        if (!search.problems().isEmpty()) {
            throw new ApiProblem(503, "SERVICE_UNAVAILABLE", "No user called " + name + " was found, but not every "
                    + "identity source could be searched: " + String.join(" ", search.problems()));
        }
        throw new ApiProblem(404, "USER_NOT_FOUND", "No user is called " + name
                + (source == null || source.isBlank() ? " in any identity source." : " in the identity source "
                + source.strip() + "."));
    }

    private RuleConsidered considered(RuleConsideration rule, Decision decision) {
        String target = call(() -> targets.describe(new DevicePlacement.TargetKey(rule.target().kind(),
                rule.target().id())));
        boolean deciding = decision.decidingRule() != null && decision.decidingRule().ruleId().equals(rule.ruleId());
        List<EntryMatch> entries = rule.matchingEntries().stream().map(match -> new EntryMatch(
                match.entry().access().name(), principal(match.matchedThrough()), match.viaGroup(),
                match.coversPermission())).toList();
        return new RuleConsidered(rule.ruleId().toString(), rule.description(), rule.target().kind().name(),
                rule.target().id().toString(), target, rule.targetMatch().name(), rule.status().name(),
                rule.applied(), deciding, entries);
    }

    private static Permission permission(String permission) {
        if (permission == null || permission.isBlank()) {
            return Permission.READ_BITLOCKER_RECOVERY_PASSWORD;
        }
        try {
            return Permission.valueOf(permission.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", "permission is one of "
                    + Arrays.toString(Permission.values()) + ".");
        }
    }

    private static Principal principal(PrincipalRef principal) {
        return new Principal(principal.name(), principal.source(), principal.id());
    }

    /** Runs one service call, turning its refusals into the API's answers. */
    private static <T> T call(Supplier<T> service) {
        try {
            return service.get();
        } catch (DeviceNotFoundException e) {
            throw new ApiProblem(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
        } catch (DeviceException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", e.getMessage());
        } catch (IdentitySourceUnavailableException e) {
            throw new ApiProblem(503, "SERVICE_UNAVAILABLE", e.getMessage());
        } catch (IdentityException e) {
            throw new ApiProblem(400, "INVALID_REQUEST", e.getMessage());
        } catch (EJBAccessException e) {
            throw new ApiProblem(403, "FORBIDDEN", "The token's owner does not hold the Administrator role, which "
                    + "this call needs.");
        }
    }
}
