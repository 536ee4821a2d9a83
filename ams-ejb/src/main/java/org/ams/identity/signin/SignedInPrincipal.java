package org.ams.identity.signin;

import jakarta.security.enterprise.CallerPrincipal;
import java.util.Objects;
import java.util.Set;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;

/**
 * The caller principal of a signed-in user: who the identity source that knew them said they are (source and stable
 * id) and every group it found at sign-in, nested groups included. The web tier's identity store hands it to the
 * container, which keeps it with the session (or, for the audit API's HTTP Basic calls, with the one request) and
 * presents it to every service that session calls. Services read it from the container ({@link CallerIdentity}),
 * never from a parameter, so no page, API or future caller can speak for somebody else or add a group.
 * <p>
 * Immutable and serializable: it lives as long as the session, which a cluster may move between servers.
 */
public final class SignedInPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final PrincipalRef user;
    private final Set<PrincipalRef> groups;

    public SignedInPrincipal(PrincipalRef user, Set<PrincipalRef> groups) {
        super(Objects.requireNonNull(user, "user").name());
        if (user.kind() != PrincipalKind.USER) {
            throw new IllegalArgumentException("A signed-in principal is a user.");
        }
        this.user = user;
        this.groups = Set.copyOf(groups);
    }

    /** The user, by identity source and stable id (the name is the one they signed in with). */
    public PrincipalRef user() {
        return user;
    }

    /** The groups the identity source found at sign-in, nested groups included. */
    public Set<PrincipalRef> groups() {
        return groups;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInPrincipal that && user.sameAs(that.user) && getName().equals(that.getName())
                && groups.equals(that.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user.source(), user.id(), getName());
    }

    @Override
    public String toString() {
        return getName();
    }
}
