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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.ams.audit.AuditDigest;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditFilter;
import org.ams.audit.AuditLog;
import org.ams.authz.ResultCode;
import org.ams.protocol.wire.ApiError;
import org.ams.token.ApiScope;
import org.ams.web.api.v1.ApiDtos.AuditRecord;
import org.ams.web.api.v1.ApiDtos.AuditRecordPage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log for scripts: the Audit log page's records and filters ({@link AuditLog}, whose
 * {@code @RolesAllowed} admits Auditors and Administrators), with each record's sequence number and hashes, so that a
 * script can follow the chain and check it. Unlike on the page, each read is itself recorded, as every use of a token
 * is ({@link TokenUseRecord}); the signed-in verification of the whole chain stays at
 * {@code /api/audit/v1/verification}.
 */
@Path("v1/audit-records")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit records", description = "The audit log's records, filtered and paged (API token)")
@SecurityRequirement(name = "apiToken")
@APIResponse(responseCode = "401", description = "No API token, or an unknown, revoked or expired one",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = "The token lacks the scope READ_AUDIT (SCOPE_MISSING), or its owner "
        + "the Auditor and Administrator roles (FORBIDDEN)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
public class AuditRecordsResource {

    private static final String TIME_EXAMPLE = "a time such as 2026-03-01T08:00:00Z or 2026-03-01T08:00:00 (UTC)";

    @EJB
    private AuditLog log;

    @Context
    private HttpServletRequest request;

    @GET
    @Operation(summary = "Audit records matching the Audit log page's filters (scope READ_AUDIT; Auditor or "
            + "Administrator). Without after: newest first, paged by offset, as on the page. With after: in chain "
            + "order, the records following that sequence number; pass nextAfter as the next page's after")
    @APIResponse(responseCode = "200", description = "One page of records, each with its sequence number, id, "
            + "previousHash and recordHash",
            content = @Content(schema = @Schema(implementation = AuditRecordPage.class)))
    @APIResponse(responseCode = "400", description = "A time that cannot be read, from after to, an unknown result "
            + "code, offset together with after, or a bad page (INVALID_REQUEST)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public AuditRecordPage records(
            @QueryParam("from") @Parameter(description = "records at or after this time; " + TIME_EXAMPLE)
            String from,
            @QueryParam("to") @Parameter(description = "records at or before this time; " + TIME_EXAMPLE)
            String to,
            @QueryParam("actor") @Parameter(description = "the user who acted, or part of the name (any case)")
            String actor,
            @QueryParam("target") @Parameter(description = "the computer or other object acted on, or part of its "
                    + "name (any case)") String target,
            @QueryParam("result") @Parameter(description = "exactly this result code, as recorded "
                    + "(EXPLICITLY_DENIED) or as notifications name it (ExplicitlyDenied)") String result,
            @QueryParam("offset") @Parameter(description = "first record, newest first; default 0") Integer offset,
            @QueryParam("after") @Parameter(description = "a sequence number: the records following it, in chain "
                    + "order") Long after,
            @QueryParam("limit") @Parameter(description = "records per page, 1 to 100, default 50") Integer limit) {
        TokenScopes.require(request, ApiScope.READ_AUDIT);
        int max = limit == null ? ApiInput.DEFAULT_LIMIT : limit;
        if (max < 1 || max > ApiInput.MAX_LIMIT) {
            throw invalid("limit is 1 to " + ApiInput.MAX_LIMIT + ".");
        }
        if (offset != null && after != null) {
            throw invalid("Give offset (newest first) or after (chain order), not both.");
        }
        if ((offset != null && offset < 0) || (after != null && after < 0)) {
            throw invalid("offset and after are 0 or more.");
        }
        Instant start = time("from", from);
        Instant end = time("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw invalid("The end of the time range (to) is before its start (from).");
        }
        AuditFilter filter = new AuditFilter(start, end, actor, target, resultCode(result));
        long total = call(() -> log.count(filter));
        if (after == null) {
            int first = offset == null ? 0 : offset;
            List<AuditRecord> items = call(() -> log.search(filter, first, max)).stream()
                    .map(AuditRecordsResource::record).toList();
            return new AuditRecordPage(items, first, null, max, total, null);
        }
        List<AuditRecord> items = call(() -> log.following(filter, after, max)).stream()
                .map(AuditRecordsResource::record).toList();
        // A full page may have more behind it; a short one is the end of the chain as it stands.
        Long next = items.size() == max ? items.get(items.size() - 1).sequence() : null;
        return new AuditRecordPage(items, null, after, max, total, next);
    }

    /** A time as the page takes it (UTC), or with its offset; {@code null} for none. */
    static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw invalid(name + " is not " + TIME_EXAMPLE + ".");
            }
        }
    }

    /** The result code as the records hold it; the spelling of notifications and page answers is taken too. */
    static String resultCode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        return Arrays.stream(ResultCode.values())
                .filter(code -> code.name().equals(value) || code.code().equals(value))
                .map(ResultCode::name)
                .findFirst()
                .orElseThrow(() -> invalid("result is not a result code; one of "
                        + String.join(", ", Arrays.stream(ResultCode.values()).map(ResultCode::name).toList())
                        + "."));
    }

    private static ApiProblem invalid(String message) {
        return new ApiProblem(400, "INVALID_REQUEST", message);
    }

    private static <T> T call(Supplier<T> service) {
        try {
            return service.get();
        } catch (EJBAccessException e) {
            throw new ApiProblem(403, "FORBIDDEN", "The token's owner holds neither the Auditor nor the "
                    + "Administrator role, which reading the audit log needs.");
        }
    }

    private static AuditRecord record(AuditEvent event) {
        return new AuditRecord(event.getSequence(), event.getId().toString(),
                AuditDigest.canonicalTime(event.getOccurredAt().toInstant()), event.getActor(), event.getAction(),
                event.getTargetType(), event.getTargetId(), event.getTargetName(), event.getDetails(),
                event.getClientAddress(), event.getReason(), event.getResultCode(), event.getPermission(),
                event.getRuleId(), event.getRuleDescription(), event.getNotificationChannels(),
                event.getPreviousHash(), event.getRecordHash());
    }
}
