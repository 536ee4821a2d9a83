package org.ams.authz;

import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;

/**
 * The identity of a principal without its name: the same triple {@link PrincipalRef#sameAs} compares, as a hash key,
 * so ACL entries can be looked up by the principals of a user instead of comparing every pair.
 */
record PrincipalKey(PrincipalKind kind, String source, String id) {

    static PrincipalKey of(PrincipalRef principal) {
        return new PrincipalKey(principal.kind(), principal.source(), principal.id());
    }
}
