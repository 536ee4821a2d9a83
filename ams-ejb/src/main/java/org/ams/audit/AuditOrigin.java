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

    /** The request was authenticated with this API token. */
    public void apiToken(String tokenId) {
        this.apiTokenId = tokenId;
    }

    /** What each record of this request adds to its details, or {@code null}. */
    String note() {
        return apiTokenId == null ? null : "via API token " + apiTokenId;
    }
}
