package org.ams.audit;

import jakarta.enterprise.context.RequestScoped;
import java.io.Serializable;

/**
 * How the current request reached AMS, when every record it writes must say so: an API call made with a token names
 * the token in each record's details, so that a key read by a script is told apart from one read on the page by the
 * same user. Set by the web tier when it authenticates the request; empty for pages, agents and background work.
 */
@RequestScoped
public class AuditOrigin implements Serializable {

    private static final long serialVersionUID = 1L;

    private String apiTokenId;
    private boolean recordCommitted;

    /** The request was authenticated with this API token. */
    public void apiToken(String tokenId) {
        this.apiTokenId = tokenId;
    }

    /** The id of the token the request was authenticated with, if it was. */
    public java.util.Optional<String> apiTokenId() {
        return java.util.Optional.ofNullable(apiTokenId);
    }

    /** A record naming this request's token has been committed to the chain. */
    void recordCommitted() {
        this.recordCommitted = true;
    }

    /**
     * Whether the audit log already holds a record of this request's call, so that the web tier need not add one of
     * its own; a record of a transaction that was rolled back does not count.
     */
    public boolean hasCommittedRecord() {
        return recordCommitted;
    }

    /** What each record of this request adds to its details, or {@code null}. */
    String note() {
        return apiTokenId == null ? null : "via API token " + apiTokenId;
    }
}
