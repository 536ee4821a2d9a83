package org.ams.web.session;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.stream.Collectors;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.PasswordPolicy;
import org.ams.identity.oidc.OidcFailure;
import org.ams.identity.oidc.OidcSignIn;
import org.ams.identity.signin.SignInResult;
import org.ams.security.RoleNames;
import org.ams.web.PageMessages;
import org.ams.web.admin.settings.SessionLimitBacking;
import org.ams.web.security.SameOriginPost;
import org.ams.web.security.SessionLimit;
import org.ams.web.security.SignInAttempt;

/** Backs {@code login.xhtml}: hands the typed credentials to the container's authentication mechanism. */
@Named
@RequestScoped
public class LoginBacking {

    /** Deliberately the same words for every failure: the page must not reveal whether an account exists. */
    static final String FAILED = "Sign-in failed. Check the user name and password; if they are right, your account "
            + "may be disabled.";
    static final String TOO_LONG = "A user name has at most " + LocalAccount.MAX_USERNAME_LENGTH + " characters.";
    static final String NO_ROLE = "Your account has no role in AMS. Ask an administrator.";
    /** Said for a throttled user name and a throttled address alike, whether or not the account exists. */
    static final String RATE_LIMITED = "Too many failed sign-ins. Try again in %d minute%s.";
    static final String FOREIGN_PAGE = "This sign-in was not sent from AMS's own sign-in page, so it was refused. "
            + "Sign in on this page.";
    static final String DIRECTORY_DOWN = " The directory %s could not be reached, so its accounts cannot sign in "
            + "right now; local accounts still can.";

    static final String PASSWORD_OFF = "Password sign-in is switched off; sign in with %s.";

    @Inject
    private SignInAttempt attempt;

    @EJB
    private OidcSignIn oidc;

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    private String sessionEnded;

    @NotBlank(message = "Enter your user name.")
    @Size(max = LocalAccount.MAX_USERNAME_LENGTH, message = TOO_LONG)
    private String username;

    @NotBlank(message = "Enter your password.")
    @Size(max = PasswordPolicy.MAX_LENGTH, message = "A password has at most " + PasswordPolicy.MAX_LENGTH
            + " characters.")
    private String password;

    public void signIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (!SameOriginPost.allows(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"),
                request.getHeader("Host"))) {
            // The form keeps no view state to act as its anti-forgery token (see login.xhtml): another site's post
            // of its own credentials is refused here, before any account is tried.
            password = null;
            PageMessages.error(FOREIGN_PAGE);
            return;
        }
        if (username.length() > LocalAccount.MAX_USERNAME_LENGTH) {
            // Checked here too: the field's length limit is only the browser's.
            PageMessages.error(TOO_LONG);
            return;
        }
        AuthenticationStatus status = securityContext.authenticate(
                request,
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username.trim(), new Password(password))));
        password = null;
        switch (status) {
            case SEND_CONTINUE:
                faces.responseComplete();
                break;
            case SUCCESS:
                // A new session id for the signed-in session, so an id planted or seen before sign-in is worthless.
                request.changeSessionId();
                external.redirect(external.getRequestContextPath() + (selfServiceOnly() ? "/recover" : "/"));
                break;
            default:
                // The authentication mechanism leaves its failed attempt in the session, and the container would
                // then answer the next protected page with an empty response; start the next try afresh instead.
                external.invalidateSession();
                PageMessages.error(failureMessage());
        }
    }

    /** A user who holds only the SelfService role has nothing of the console to see: their page is /recover. */
    /** Where a signed-in user starts: the self-service page for a user who may only use that, else the home page. */
    public String getStartOutcome() {
        return selfServiceOnly() ? "/recover" : "/index";
    }

    private boolean selfServiceOnly() {
        return securityContext.isCallerInRole(RoleNames.SELF_SERVICE)
                && !securityContext.isCallerInRole(RoleNames.ADMINISTRATOR)
                && !securityContext.isCallerInRole(RoleNames.HELPDESK)
                && !securityContext.isCallerInRole(RoleNames.AUDITOR);
    }

    private String failureMessage() {
        SignInResult result = attempt.result().orElse(null);
        if (result == null) {
            return FAILED;
        }
        switch (result.status()) {
            case NO_ROLE:
                return NO_ROLE;
            case PASSWORD_SIGN_IN_OFF:
                return String.format(PASSWORD_OFF, getProviderLabel());
            case RATE_LIMITED:
                long minutes = result.retryAfterMinutes();
                return String.format(RATE_LIMITED, minutes, minutes == 1 ? "" : "s");
            default:
                return result.unreachableSources().isEmpty() ? FAILED : FAILED + String.format(DIRECTORY_DOWN,
                        result.unreachableSources().stream().map(name -> "'" + name + "'")
                                .collect(Collectors.joining(", ")));
        }
    }

    /** The identity provider's name for the "Sign in with ..." button; empty while none is on. */
    public String getProviderLabel() {
        return oidc.buttonLabel().orElse("");
    }

    /**
     * Why the user must sign in again when their previous session ended at the longest a session may last (said once);
     * empty otherwise.
     */
    public String getSessionEnded() {
        if (sessionEnded == null) {
            sessionEnded = SessionLimit.takeEnded((HttpServletRequest) faces.getExternalContext().getRequest())
                    .stream().mapToObj(minutes -> "Your session ended " + SessionLimitBacking.describe(minutes)
                            + " after you signed in, the longest a session may last here. Sign in again.")
                    .findFirst().orElse("");
        }
        return sessionEnded;
    }

    /** Why a sign-in with the identity provider was refused, from the page's {@code oidc} parameter. */
    public String getProviderFailure() {
        String code = faces.getExternalContext().getRequestParameterMap().get("oidc");
        return OidcFailure.ofCode(code).map(OidcFailure::sentence).orElse("");
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
