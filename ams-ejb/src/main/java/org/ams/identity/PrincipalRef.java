package org.ams.identity;

import java.io.Serializable;
import java.util.Objects;

/**
 * A user or group of one identity source, referred to by the source's stable id for it (objectGUID, objectSid,
 * entryUUID, a local account's id), never by its name, so that renaming it in the directory does not change who holds
 * a role or a permission. The name is only how people recognise it on a page or in the audit trail.
 *
 * @param kind   user or group
 * @param source the identity source's key: {@value org.ams.identity.local.LocalAccountService#SOURCE} or
 *               {@code ldap:<uuid>}
 * @param id     the stable id inside that source
 * @param name   the name people know it by (account name, group name)
 */
// Serializable: a signed-in session's caller principal (SignedInPrincipal) carries the user and their groups.
public record PrincipalRef(PrincipalKind kind, String source, String id, String name) implements Serializable {

    public PrincipalRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }

    public static PrincipalRef user(String source, String id, String name) {
        return new PrincipalRef(PrincipalKind.USER, source, id, name);
    }

    public static PrincipalRef group(String source, String id, String name) {
        return new PrincipalRef(PrincipalKind.GROUP, source, id, name);
    }

    /** Whether both refer to the same principal, whatever name each carries. */
    public boolean sameAs(PrincipalRef other) {
        return other != null && kind == other.kind && source.equals(other.source) && id.equals(other.id);
    }
}
