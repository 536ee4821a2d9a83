package org.ams.web.api.v1;

import jakarta.servlet.http.HttpServletRequest;
import org.ams.token.ApiScope;
import org.ams.token.TokenCaller;
import org.ams.web.security.AmsAuthentication;

/**
 * The one check every {@code /api/v1} resource makes itself: the call's token carries the scope. The owner's roles are
 * the services' to enforce ({@code @RolesAllowed}), and their rules the services' to apply.
 */
final class TokenScopes {

    private TokenScopes() {
    }

    /** @return the token the call was authenticated with, which allows {@code scope} */
    static TokenCaller require(HttpServletRequest request, ApiScope scope) {
        Object caller = request.getAttribute(AmsAuthentication.TOKEN_CALLER);
        if (!(caller instanceof TokenCaller token)) {
            throw new ApiProblem(401, "UNAUTHENTICATED", "Send an API token: Authorization: Bearer ams_...");
        }
        if (!token.allows(scope)) {
            throw new ApiProblem(403, "SCOPE_MISSING", "This token does not have the scope " + scope.name() + ".");
        }
        return token;
    }
}
