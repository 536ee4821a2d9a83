package org.ams.token;

import java.util.Set;
import java.util.UUID;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;

/**
 * Who a valid token speaks for on this call: its owner with their groups and roles as they are now, and the scopes
 * the token allows.
 */
public record TokenCaller(UUID tokenId, PrincipalRef user, Set<PrincipalRef> groups, Set<Role> roles,
                          Set<ApiScope> scopes) {

    public TokenCaller {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(ApiScope scope) {
        return scopes.contains(scope);
    }
}
