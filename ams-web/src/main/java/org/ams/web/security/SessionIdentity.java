package org.ams.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ams.identity.signin.SignedInPrincipal;

/**
 * Who signed in on this session and the roles they were given, kept by AMS itself in the session and handed to the
 * container again with every request ({@link AmsAuthentication}).
 * <p>
 * The container's own way of carrying a form sign-in from one request to the next (Jakarta Security's auto-applied
 * session) hands it the principal alone and lets the server work out the groups again; on Payara that loses them now
 * and then when several requests run at once, and a signed-in administrator's page answers 403
 * ({@code SessionsUnderLoadIT} reproduces it). Handing over the principal and its roles together, as at sign-in,
 * leaves nothing to work out.
 *
 * @param principal  who signed in
 * @param roles      the application roles they hold, fixed at sign-in like the groups of their principal
 * @param signedInAt when they signed in: the session ends {@link #endedBy the longest a session may last} after it
 */
record SessionIdentity(SignedInPrincipal principal, Set<String> roles, Instant signedInAt) implements Serializable {

    private static final long serialVersionUID = 2L;
    static final String ATTRIBUTE = SessionIdentity.class.getName();

    SessionIdentity {
        roles = Set.copyOf(roles);
        Objects.requireNonNull(signedInAt, "signedInAt");
    }

    /** Signed in now. */
    SessionIdentity(SignedInPrincipal principal, Set<String> roles) {
        this(principal, roles, Instant.now());
    }

    /**
     * Whether the session has ended at {@code now}: it lasts {@code longest} after its sign-in, whatever its activity
     * or what an identity provider's token says.
     */
    boolean endedBy(Instant now, Duration longest) {
        return !now.isBefore(signedInAt.plus(longest));
    }

    /** The identity this request's session holds, if it holds one. */
    static Optional<SessionIdentity> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(ATTRIBUTE)).filter(SessionIdentity.class::isInstance)
                        .map(SessionIdentity.class::cast);
    }

    /** Keeps it in the request's session (made now if there is none) for the requests that follow. */
    void remember(HttpServletRequest request) {
        request.getSession(true).setAttribute(ATTRIBUTE, this);
    }

    /** Forgets the session's identity, at sign-out. */
    static void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
