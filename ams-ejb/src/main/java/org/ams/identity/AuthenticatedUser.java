package org.ams.identity;

import java.util.Set;

/** The outcome of a successful sign-in: who it is and which application roles they hold. */
public record AuthenticatedUser(String username, String displayName, Set<Role> roles) {

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }
}
