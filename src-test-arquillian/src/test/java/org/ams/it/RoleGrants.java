package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.ams.identity.RoleGrant;
import org.ams.identity.signin.RoleService;

/** Role grants a class gave its own accounts, taken back at its end (in the server). */
final class RoleGrants {

    private RoleGrants() {
    }

    /** Revokes every role of the named local accounts and checks none is left. */
    static void revokeAll(AsAdministrator admin, RoleService roles, Collection<String> accountNames)
            throws Exception {
        int revoked = admin.call(() -> {
            int count = 0;
            for (RoleGrant grant : roles.grants()) {
                if (accountNames.contains(grant.principal().name())) {
                    roles.revoke(grant.getId());
                    count++;
                }
            }
            return count;
        });
        assertTrue(revoked > 0, "the class had granted roles to " + accountNames);
        assertTrue(admin.call(roles::grants).stream().noneMatch(grant -> accountNames.contains(
                grant.principal().name())), "no role is left to " + accountNames);
    }
}
