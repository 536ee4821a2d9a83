package org.ams.web.security;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditOrigin;
import org.ams.audit.AuditTrail;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.signin.SignedInPrincipal;
import org.ams.token.ApiTokens;
import org.ams.token.TokenCaller;

/**
 * How every request to AMS is authenticated, in three ways:
 * <ul>
 *   <li>a browser's signed-in session: the principal and roles its sign-in left in the session
 *       ({@link SessionIdentity});</li>
 *   <li>a sign-in and a request without a session: the form sign-in ({@link WebSecurityConfiguration});</li>
 *   <li>auditors' scripts calling the audit API ({@code /api/audit/*}) with HTTP Basic, e.g.
 *       {@code curl -u auditor https://ams:8443/api/audit/v1/verification};</li>
 *   <li>scripts calling the REST API ({@code /api/v1/*}) with an API token, {@code Authorization: Bearer ams_...}
 *       ({@link #bearer}).</li>
 *   <li>Prometheus scraping {@code /metrics} with an API token, the same way: a token that is sent must be valid
 *       (401 otherwise); without one the metrics servlet admits by address alone
 *       ({@code org.ams.web.metrics.MetricsAccess}).</li>
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
    static final String API_PATH = "/api/v1/";
    static final String METRICS_PATH = "/metrics";
    /** The request attribute holding the {@link TokenCaller} of a call to {@code /api/v1} authenticated by a token. */
    public static final String TOKEN_CALLER = AmsAuthentication.class.getName() + ".token";
    static final String CHALLENGE = "Basic realm=\"AMS audit API\", charset=\"UTF-8\"";
    /** Marks a request this mechanism authenticated with HTTP Basic: it has no session, and nothing to secure. */
    static final String STATELESS = AmsAuthentication.class.getName() + ".stateless";
    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";
    private static final Logger LOG = Logger.getLogger(AmsAuthentication.class.getName());

    @EJB
    private ApiTokens tokens;

    @EJB
    private AuditTrail audit;

    @Inject
    private SessionLimit sessionLimit;

    @Inject
    private AuditOrigin origin;

    @Inject
    private IdentityStoreHandler identityStores;

    @Inject
    private BeanManager beans;

    private volatile HttpAuthenticationMechanism form;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (isRestApi(request) || (isMetrics(request) && hasBearer(request))) {
            return bearer(request, response, context);
        }
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
     * A call to the REST API: only an API token speaks for it, never a browser session or a password. A valid token's
     * owner becomes the caller with the groups and roles they hold now ({@link ApiTokens#authenticate}); the token's
     * scopes go to the resources in the request ({@link #TOKEN_CALLER}) and its id into every audit record the call
     * writes ({@link AuditOrigin}). The token is looked up in the database on every call, so a revoked one is refused
     * on the next call on every server. Anything else is answered here, 401 with a JSON body and a Bearer challenge;
     * the call goes no further. No session is created.
     */
    private AuthenticationStatus bearer(HttpServletRequest request, HttpServletResponse response,
                                        HttpMessageContext context) throws AuthenticationException {
        request.setAttribute(STATELESS, Boolean.TRUE);
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return refuse(response, 401, "UNAUTHENTICATED", "Send an API token: Authorization: Bearer ams_...");
        }
        Optional<TokenCaller> caller;
        try {
            caller = tokens.authenticate(authorization.substring(BEARER.length()).trim());
        } catch (IdentityException e) {
            // The owner's directory cannot be asked: their groups and roles are unknown, so nothing is allowed.
            return refuse(response, 503, "SERVICE_UNAVAILABLE", "The token owner's directory cannot be reached just "
                    + "now; try again later.");
        } catch (EJBException e) {
            // Most likely the database does not answer: the token cannot be checked, so nothing is allowed.
            LOG.log(Level.WARNING, "An API token could not be checked", e);
            return refuse(response, 503, "SERVICE_UNAVAILABLE", "The API token cannot be checked just now; try "
                    + "again later.");
        }
        if (caller.isEmpty()) {
            return refuse(response, 401, "INVALID_TOKEN", "The API token is unknown, revoked or expired, or its "
                    + "owner no longer exists.");
        }
        TokenCaller token = caller.get();
        request.setAttribute(TOKEN_CALLER, token);
        origin.apiToken(token.tokenId().toString());
        return context.notifyContainerAboutLogin(new SignedInPrincipal(token.user(), token.groups()),
                token.roles().stream().map(Role::roleName).collect(Collectors.toSet()));
    }

    /** Answers the call itself, with the API's error body: the request reaches no resource. */
    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String code,
                                               String message) throws AuthenticationException {
        try {
            response.setStatus(status);
            if (status == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"AMS API\"");
            }
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("code", code).add("message", message).build()
                    .toString());
            response.flushBuffer();
        } catch (IOException e) {
            throw new AuthenticationException("The refusal could not be sent", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
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
                Duration longest = sessionLimit.longest();
                if (!signedIn.get().endedBy(Instant.now(), longest)) {
                    return context.notifyContainerAboutLogin(signedIn.get().principal(), signedIn.get().roles());
                }
                end(request, signedIn.get(), longest);
            }
        }
        AuthenticationStatus status = form().validateRequest(request, response, context);
        if (status == AuthenticationStatus.SUCCESS && context.isAuthenticationRequest()
                && context.getCallerPrincipal() instanceof SignedInPrincipal principal) {
            new SessionIdentity(principal, context.getGroups()).remember(request);
        }
        return status;
    }

    /**
     * Ends a session that reached the longest a session may last: it is invalidated (its id is worthless from now on),
     * the audit log says so, and the next page is the sign-in page, which says why.
     */
    private void end(HttpServletRequest request, SessionIdentity identity, Duration longest) {
        PrincipalRef user = identity.principal().user();
        audit.record(AuditEntry.builder("session.ended", "User").target(user.id(), user.name())
                .clientAddress(request.getRemoteAddr()).resultCode("SESSION_LIMIT")
                .details("the session reached the longest a session may last, " + longest.toMinutes()
                        + " minute(s) after its sign-in at " + identity.signedInAt())
                .build());
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // another request of the same session ended it a moment ago
            }
        }
        request.getSession(true).setAttribute(SessionLimit.ENDED, longest.toMinutes());
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return (isAuditApi(request) || isRestApi(request) || isMetrics(request))
                && request.getAttribute(STATELESS) != null
                ? AuthenticationStatus.SUCCESS
                : form().secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        SessionIdentity.forget(request);
        form().cleanSubject(request, response, context);
    }

    private static boolean isRestApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API_PATH);
    }

    private static boolean isMetrics(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).equals(METRICS_PATH);
    }

    private static boolean hasBearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER);
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
