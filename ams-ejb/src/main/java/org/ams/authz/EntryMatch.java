package org.ams.authz;

import org.ams.identity.PrincipalRef;

/**
 * An ACL entry that names the user or one of their groups.
 *
 * @param entry            the entry as the rule holds it
 * @param matchedThrough   the user's own principal, or the group of the user the entry names (as the user's sign-in
 *                         resolved it, nested groups included)
 * @param viaGroup         whether it matched through a group rather than the user
 * @param coversPermission whether the entry covers the permission asked for; an entry that does not takes no part
 */
public record EntryMatch(AccessControlEntry entry, PrincipalRef matchedThrough, boolean viaGroup,
                         boolean coversPermission) {
}
