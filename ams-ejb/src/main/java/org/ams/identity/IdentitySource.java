package org.ams.identity;

import java.util.List;

/**
 * Somewhere people's accounts and groups live: AMS's own local accounts, or a directory (LDAP / Active Directory).
 * Sign-in asks the sources in order; the principal picker searches them all.
 */
public interface IdentitySource {

    /** Principals and role grants refer to this source by this key; it never changes. */
    String key();

    /** How an administrator knows the source, e.g. "Local accounts" or "Corp Active Directory". */
    String displayName();

    /**
     * Checks a user name and password and, when they are right, finds every group the user belongs to, nested groups
     * included. Never throws for a wrong password or an unreachable server: the outcome says which it was.
     */
    SourceAuthentication authenticate(String username, char[] password);

    /** Users and groups whose name contains {@code text}, at most {@code limit} of them. */
    List<PrincipalRef> search(String text, int limit);

    /**
     * Every group a user of this source belongs to now, nested groups included, as a sign-in would find them: what
     * the effective-access tool evaluates rules with.
     *
     * @throws IdentitySourceUnavailableException when the source cannot be asked
     * @throws IdentityException                  when the user no longer exists in the source
     */
    java.util.Set<PrincipalRef> groupsOf(PrincipalRef user);

    /**
     * Which of these principals of this source no longer exist in it, looked up by their stable ids (a renamed user
     * still exists). One round trip per principal at most, over one connection.
     *
     * @throws IdentitySourceUnavailableException when the source cannot be asked: then nothing is known about them
     */
    java.util.Set<PrincipalRef> missingAmong(java.util.Collection<PrincipalRef> principals);

    /**
     * The email address the source holds for a user of it, where it holds one: AMS writes to it about the user's own
     * requests (never a password). Looked up by name and trusted by stable id, like {@link #groupsOf}.
     *
     * @return empty when the source has none, or the user or the source cannot be found now
     */
    default java.util.Optional<String> emailOf(PrincipalRef user) {
        return java.util.Optional.empty();
    }

    /**
     * For a source that cannot be asked for a user's groups ({@link #groupsOf} unavailable, as an OpenID Connect
     * provider): the groups the user's last sign-in brought, and when that was. What the effective-access tool
     * explains a decision with, saying so.
     *
     * @return empty when the source can be asked
     * @throws IdentityException when the source remembers groups but the user never signed in through it
     */
    default java.util.Optional<RememberedGroups> groupsAtLastSignIn(PrincipalRef user) {
        return java.util.Optional.empty();
    }

    /** The groups a user's last sign-in brought, and when it was. */
    record RememberedGroups(java.util.Set<PrincipalRef> groups, java.time.OffsetDateTime signedInAt) {
        public RememberedGroups {
            groups = java.util.Set.copyOf(groups);
        }
    }
}
