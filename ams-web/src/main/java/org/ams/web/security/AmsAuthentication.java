package org.ams.web.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.ams.identity.signin.SignedInPrincipal;

/**
 * How every request to AMS is authenticated, in three ways:
 * <ul>
 *   <li>a browser's signed-in session: the principal and roles its sign-in left in the session
 *       ({@link SessionIdentity});</li>
 *   <li>a sign-in and a request without a session: the form sign-in ({@link WebSecurityConfiguration});</li>
 *   <li>auditors' scripts calling the audit API ({@code /api/audit/*}) with HTTP Basic, e.g.
 *       {@code curl -u auditor https://ams:8443/api/audit/v1/verification}.</li>
 * </ul>
 * <p>
 * Basic credentials are checked by the same identity store as the sign-in page, so the same sources, role mapping and
 * throttling of failed attempts apply. A script never gets the sign-in page: no or wrong credentials answer 401 with a
 * {@code WWW-Authenticate} challenge, a user without the Auditor or Administrator role 403 (the container's
 * constraint). No session is created. Basic sends the password with every request: it is meant for HTTPS only; over
 * plain HTTP (tests, a loopback port) it works but exposes the password to anyone on the path.
 * <p>
 * The signed-in session is carried from request to request here ({@link SessionIdentity}) rather than by the form
 * mechanism's auto-applied session, which loses the roles under concurrent requests on Payara.
 * <p>
 * Jakarta Security 3 picks one mechanism per application, so this one is the {@link Alternative} that wins and hands
 * the rest to the form mechanism the annotation defines.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class AmsAuthentication implements HttpAuthenticationMechanism {

    static final String PATH = "/api/audit/";
    static final String CHALLENGE = "Basic realm=\"AMS audit API\", charset=\"UTF-8\"";
    /** Marks a request this mechanism authenticated with HTTP Basic: it has no session, and nothing to secure. */
    static final String STATELESS = AmsAuthentication.class.getName() + ".stateless";
    private static final String BASIC = "basic ";

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private BeanManager beans;

    private volatile HttpAuthenticationMechanism form;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!isAuditApi(request)) {
            return session(request, response, context);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
            if (request.getSession(false) != null) {
                // A browser signed in on the page: its session speaks for it, as before.
                return session(request, response, context);
            }
            return context.isProtected() ? challenge(response, context) : context.doNothing();
        }
        UsernamePasswordCredential credential = decode(authorization.substring(BASIC.length()).trim());
        if (credential == null) {
            return challenge(response, context);
        }
        request.setAttribute(STATELESS, Boolean.TRUE);
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return challenge(response, context);
        }
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * A signed-in session's request: the principal and roles its sign-in left in the session ({@link SessionIdentity})
     * are handed to the container as they are. A sign-in (the page's {@code SecurityContext.authenticate}) and a
     * session without an identity go to the form mechanism; a sign-in that succeeds leaves its identity in the session.
     */
    private AuthenticationStatus session(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) throws AuthenticationException {
        if (!context.isAuthenticationRequest()) {
            Optional<SessionIdentity> signedIn = SessionIdentity.of(request);
            if (signedIn.isPresent()) {
                return context.notifyContainerAboutLogin(signedIn.get().principal(), signedIn.get().roles());
            }
        }
        AuthenticationStatus status = form().validateRequest(request, response, context);
        if (status == AuthenticationStatus.SUCCESS && context.isAuthenticationRequest()
                && context.getCallerPrincipal() instanceof SignedInPrincipal principal) {
            new SessionIdentity(principal, context.getGroups()).remember(request);
        }
        return status;
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return isAuditApi(request) && request.getAttribute(STATELESS) != null ? AuthenticationStatus.SUCCESS
                : form().secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        SessionIdentity.forget(request);
        form().cleanSubject(request, response, context);
    }

    private static boolean isAuditApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(PATH);
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return context.responseUnauthorized();
    }

    /** {@code null} for anything but base64 of "name:password" with both parts present. */
    static UsernamePasswordCredential decode(String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
            return null;
        }
        return new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1));
    }

    /** The form mechanism {@link WebSecurityConfiguration}'s annotation defines: the other mechanism bean. */
    private HttpAuthenticationMechanism form() {
        HttpAuthenticationMechanism found = form;
        if (found == null) {
            Bean<?> bean = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                    .filter(candidate -> !AmsAuthentication.class.equals(candidate.getBeanClass()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The form sign-in mechanism is not defined"));
            found = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(bean));
            form = found;
        }
        return found;
    }
}
