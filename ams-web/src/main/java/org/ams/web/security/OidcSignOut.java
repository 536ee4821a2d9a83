package org.ams.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;

/**
 * What a session signed in with the identity provider needs to sign out there too: the ID token, as the hint the
 * provider's sign-out endpoint expects. Nothing else of the token is kept.
 *
 * @param idToken the ID token the provider issued at sign-in
 */
public record OidcSignOut(String idToken) implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = OidcSignOut.class.getName();

    /** The sign-out this request's session holds, if it was signed in with the provider. */
    public static Optional<OidcSignOut> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(ATTRIBUTE)).filter(OidcSignOut.class::isInstance)
                        .map(OidcSignOut.class::cast);
    }
}
