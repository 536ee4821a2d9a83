package org.ams.identity;

import java.util.Set;

/**
 * What one identity source said about a sign-in.
 *
 * @param outcome whether the source knows the user, and whether the password was right
 * @param user    the user, when authenticated
 * @param groups  every group the user belongs to, directly or through nested groups, when authenticated
 * @param problem for {@link Outcome#UNAVAILABLE}: in plain words what went wrong (never a password)
 */
public record SourceAuthentication(Outcome outcome, PrincipalRef user, Set<PrincipalRef> groups, String problem) {

    public enum Outcome {
        /** The user name and password are right and the account may sign in. */
        AUTHENTICATED,
        /** The source has no such user: the next source may know them. */
        UNKNOWN_USER,
        /** The source knows the user but refuses: wrong password, disabled or locked account. */
        REJECTED,
        /** The source could not be asked (down, slow, misconfigured): the next source may still answer. */
        UNAVAILABLE
    }

    public SourceAuthentication {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public static SourceAuthentication authenticated(PrincipalRef user, Set<PrincipalRef> groups) {
        return new SourceAuthentication(Outcome.AUTHENTICATED, user, groups, null);
    }

    public static SourceAuthentication unknownUser() {
        return new SourceAuthentication(Outcome.UNKNOWN_USER, null, Set.of(), null);
    }

    public static SourceAuthentication rejected() {
        return new SourceAuthentication(Outcome.REJECTED, null, Set.of(), null);
    }

    public static SourceAuthentication unavailable(String problem) {
        return new SourceAuthentication(Outcome.UNAVAILABLE, null, Set.of(), problem);
    }
}
