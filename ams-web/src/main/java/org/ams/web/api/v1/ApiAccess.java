package org.ams.web.api.v1;

import jakarta.servlet.http.HttpServletRequest;
import org.ams.token.ApiScope;
import org.ams.token.TokenCaller;
import org.ams.web.security.AmsAuthentication;

/** The scope check every {@code /api/v1} call makes first; the owner's roles and rules decide the rest. */
final class ApiAccess {

    private ApiAccess() {
    }

    /**
     * The call's token, when it carries the scope.
     *
     * @throws ApiProblem 401 without a token (only reachable if authentication was bypassed), 403 without the scope
     */
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
