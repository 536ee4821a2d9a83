package org.ams.web.api.audit;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ams.audit.AuditVerification;
import org.ams.audit.ChainVerification;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Verification of the audit log for auditors' scripts: the same walk as the page's "Verify integrity" button. */
@Path("audit/v1/verification")
@Produces(MediaType.APPLICATION_JSON)
public class AuditVerificationResource {

    @EJB
    private AuditVerification verification;

    /**
     * Answers 200 whether the chain is intact or not: the verification itself succeeded; {@code intact} and
     * {@code status} say what it found.
     */
    @GET
    @Operation(summary = "Verify the audit log's hash chain: intact with the number of records and the last hash, "
            + "or the sequence number of the first broken link (Auditor or Administrator, signed-in session)")
    @APIResponse(responseCode = "200", description = "The verification ran: intact, status, records, lastSequence, "
            + "lastHash, verifiedAt, description and, for a broken chain, brokenAt")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Signed in without the Auditor or Administrator role")
    public JsonObject verify() {
        ChainVerification result = verification.verify();
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("intact", result.intact())
                .add("status", result.status().name())
                .add("records", result.records())
                .add("lastSequence", result.lastSequence())
                .add("verifiedAt", result.verifiedAt().toString())
                .add("description", result.description());
        if (result.lastHash() == null) {
            answer.addNull("lastHash");
        } else {
            answer.add("lastHash", result.lastHash());
        }
        if (result.intact()) {
            answer.addNull("brokenAt");
        } else {
            answer.add("brokenAt", result.brokenAt());
        }
        return answer.build();
    }
}
