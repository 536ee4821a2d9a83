package org.ams.identity.signin;

import java.util.Set;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;

/**
 * The outcome of a successful sign-in: who it is, every group they belong to (nested groups resolved), and the
 * application roles those give them. Authorization rules later match the user and groups by their stable ids.
 */
public record AuthenticatedUser(PrincipalRef user, Set<PrincipalRef> groups, Set<Role> roles) {

    public AuthenticatedUser {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
    }

    public String username() {
        return user.name();
    }
}
