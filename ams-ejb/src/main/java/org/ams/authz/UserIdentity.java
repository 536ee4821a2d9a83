package org.ams.authz;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.AuthenticatedUser;

/**
 * The principals a user acts as: themselves and every group they belong to (nested groups already resolved at
 * sign-in), keyed by kind, source and stable id so a name never decides a match.
 */
final class UserIdentity {

    private final PrincipalRef user;
    private final Map<PrincipalKey, PrincipalRef> principals;

    UserIdentity(PrincipalRef user, Collection<PrincipalRef> groups) {
        if (user == null || user.kind() != PrincipalKind.USER) {
            throw new IllegalArgumentException("A decision is about a user.");
        }
        this.user = user;
        this.principals = new HashMap<>(groups.size() * 2 + 2);
        for (PrincipalRef group : groups) {
            principals.put(PrincipalKey.of(group), group);
        }
        principals.put(PrincipalKey.of(user), user);
    }

    static UserIdentity of(AuthenticatedUser user) {
        return new UserIdentity(user.user(), user.groups());
    }

    PrincipalRef user() {
        return user;
    }

    /** The user's own principal or group with this identity, or {@code null}. */
    PrincipalRef find(PrincipalKey key) {
        return principals.get(key);
    }

    int size() {
        return principals.size();
    }

    Iterable<Map.Entry<PrincipalKey, PrincipalRef>> principals() {
        return principals.entrySet();
    }
}
