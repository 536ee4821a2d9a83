package org.ams.web.security;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.stream.Collectors;
import org.ams.identity.Role;
import org.ams.identity.oidc.OidcException;
import org.ams.identity.oidc.OidcFailure;
import org.ams.identity.oidc.OidcSignIn;
import org.ams.identity.signin.SignedInPrincipal;

/**
 * Sign-in with the OpenID Connect provider: {@code /oidc/start} sends the browser to the provider with a fresh state,
 * nonce and PKCE challenge, kept sealed in a cookie of their own ({@value #PENDING_COOKIE}); {@code /oidc/callback}
 * takes the provider's answer once (the cookie is deleted with the answer, so an answer replayed finds none), and on
 * success leaves the signed-in identity in a new session ({@link SessionIdentity}), as the password sign-in does. A
 * refusal ends any session and sends the browser to the sign-in page, which says why ({@code ?oidc=<failure>}).
 * <p>
 * The provider's answer is a navigation another site started, which a browser does not accompany with the
 * {@code SameSite=Strict} session cookie, nor the redirects that follow it: the pending sign-in's cookie is
 * {@code SameSite=Lax} (sent on such a top-level GET only, to {@code /oidc/} only), and the signed-in session is
 * entered through a page that moves on by itself, a navigation of AMS's own, which the session cookie accompanies.
 * <p>
 * The AMS session lasts as AMS's own session settings say, whatever the token's lifetime: the token is used once, at
 * sign-in, and kept only as the hint for signing out at the provider.
 */
@WebServlet(urlPatterns = {OidcSignInServlet.START, OidcSignInServlet.CALLBACK, OidcSignInServlet.LOGOUT})
public class OidcSignInServlet extends HttpServlet {

    static final String START = "/oidc/start";
    static final String CALLBACK = "/oidc/callback";
    static final String LOGOUT = "/oidc/logout";
    private static final long serialVersionUID = 1L;
    static final String PENDING_COOKIE = "AMS_OIDC";

    @EJB
    private transient OidcSignIn oidc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (START.equals(request.getServletPath())) {
            start(request, response);
        } else if (LOGOUT.equals(request.getServletPath())) {
            logout(request, response);
        } else {
            callback(request, response);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OidcSignIn.Start start;
        try {
            start = oidc.begin(callbackUri(request), request.getRemoteAddr());
        } catch (OidcException e) {
            refuse(request, response, e.failure());
            return;
        }
        pendingCookie(request, response, start.sealedPending(), OidcSignIn.PENDING_LIFETIME_SECONDS);
        response.sendRedirect(start.authorizationUri().toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pending = null;
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (PENDING_COOKIE.equals(cookie.getName())) {
                    pending = cookie.getValue();
                }
            }
        }
        // Used once, whatever comes of it.
        pendingCookie(request, response, "", 0);
        HttpSession session = request.getSession(false);
        String query = request.getQueryString();
        URI answer = URI.create(callbackUri(request) + (query == null ? "" : "?" + query));
        OidcSignIn.SignedIn signedIn;
        try {
            signedIn = oidc.complete(answer, pending, request.getRemoteAddr());
        } catch (OidcException e) {
            refuse(request, response, e.failure());
            return;
        }
        if (session != null) {
            // A new session for the signed-in user, so that an id planted or seen before sign-in is worthless.
            session.invalidate();
        }
        HttpSession signedInSession = request.getSession(true);
        new SessionIdentity(new SignedInPrincipal(signedIn.user().user(), signedIn.user().groups()),
                signedIn.user().roles().stream().map(Role::roleName).collect(Collectors.toSet())).remember(request);
        signedIn.logoutUri().ifPresent(uri -> signedInSession.setAttribute(OidcSignOut.ATTRIBUTE,
                new OidcSignOut(signedIn.idToken().orElse(null))));
        boolean selfServiceOnly = signedIn.user().roles().equals(java.util.Set.of(Role.SELF_SERVICE));
        String next = request.getContextPath() + (selfServiceOnly ? "/recover" : "/");
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + next + "\"><title>Signed in</title></head>"
                + "<body><p>Signed in. <a href=\"" + next + "\">Go on to AMS</a>.</p></body></html>");
    }

    /**
     * Signs out of AMS and, for a session signed in with the provider that offers it, at the provider too
     * (RP-initiated logout), coming back to the sign-in page. The provider is reached through a page that moves on by
     * itself: the sign-out button's form may only lead to AMS itself ({@code form-action 'self'}), redirects included.
     */
    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        java.util.Optional<OidcSignOut> atProvider = OidcSignOut.of(request);
        try {
            request.logout();
        } catch (jakarta.servlet.ServletException e) {
            // The session below is ended all the same.
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String signedOut = request.getContextPath() + "/login.xhtml?signedOut=true";
        StringBuffer url = request.getRequestURL();
        String origin = url.substring(0, url.length() - request.getRequestURI().length());
        java.util.Optional<URI> logout = atProvider.flatMap(signOut -> oidc.logoutUri(signOut.idToken(),
                origin + signedOut));
        if (logout.isEmpty()) {
            response.sendRedirect(signedOut);
            return;
        }
        String next = logout.get().toString().replace("&", "&amp;").replace("\"", "&quot;");
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + next + "\"><title>Signing out</title></head>"
                + "<body><p>Signing out at the identity provider. <a href=\"" + next + "\">Go on</a>.</p></body>"
                + "</html>");
    }

    /** The pending sign-in's cookie: HttpOnly, SameSite=Lax, for the callback's path only. */
    private static void pendingCookie(HttpServletRequest request, HttpServletResponse response, String value,
                                      int maxAgeSeconds) {
        response.addHeader("Set-Cookie", PENDING_COOKIE + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path="
                + request.getContextPath() + "/oidc/; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, OidcFailure failure)
            throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login.xhtml?oidc=" + failure.code());
    }

    /** AMS's callback address as this browser reaches AMS: what the provider must have registered. */
    static String callbackUri(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        return url.substring(0, url.length() - request.getServletPath().length()
                - (request.getPathInfo() == null ? 0 : request.getPathInfo().length())) + CALLBACK;
    }
}
