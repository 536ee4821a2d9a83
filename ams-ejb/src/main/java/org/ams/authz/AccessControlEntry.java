package org.ams.authz;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.ams.authz.AuthorizationRuleException.Reason;
import org.ams.identity.PrincipalRef;

/**
 * One line of a rule's ACL: a user or group of an identity source, Allow or Deny, and the permissions it covers.
 *
 * @param principal   matched by kind, source and stable id; the name is only for people
 * @param access      Allow or Deny
 * @param permissions at least one
 */
public record AccessControlEntry(PrincipalRef principal, Access access, Set<Permission> permissions) {

    static final int MAX_SOURCE = 64;
    static final int MAX_ID = 512;
    static final int MAX_NAME = 512;

    public AccessControlEntry {
        if (principal == null) {
            throw new AuthorizationRuleException(Reason.INVALID_ENTRY, "Each ACL entry needs a user or group.");
        }
        if (access == null) {
            throw new AuthorizationRuleException(Reason.INVALID_ENTRY,
                    "Choose Allow or Deny for " + principal.name() + ".");
        }
        if (permissions == null || permissions.isEmpty()) {
            throw new AuthorizationRuleException(Reason.INVALID_ENTRY,
                    "Choose at least one permission for " + principal.name() + ".");
        }
        if (principal.source().isBlank() || principal.source().length() > MAX_SOURCE
                || principal.id().isBlank() || principal.id().length() > MAX_ID) {
            throw new AuthorizationRuleException(Reason.INVALID_ENTRY, "The identity source or id of "
                    + principal.name() + " is not valid; pick the user or group again.");
        }
        if (principal.name().length() > MAX_NAME) {
            principal = new PrincipalRef(principal.kind(), principal.source(), principal.id(),
                    principal.name().substring(0, MAX_NAME));
        }
        permissions = Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public static AccessControlEntry allow(PrincipalRef principal, Permission... permissions) {
        return new AccessControlEntry(principal, Access.ALLOW, Set.of(permissions));
    }

    public static AccessControlEntry deny(PrincipalRef principal, Permission... permissions) {
        return new AccessControlEntry(principal, Access.DENY, Set.of(permissions));
    }

    public boolean covers(Permission permission) {
        return permissions.contains(permission);
    }

    /** For audit records: "Allow group Helpdesk (ldap:...) Read BitLocker recovery passwords". */
    public String describe() {
        return (access == Access.ALLOW ? "Allow " : "Deny ") + principal.kind().name().toLowerCase(Locale.ROOT) + " "
                + principal.name() + " (" + principal.source() + ") "
                + permissions.stream().map(Permission::label).collect(Collectors.joining(", "));
    }
}
