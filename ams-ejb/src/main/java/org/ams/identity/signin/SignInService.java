package org.ams.identity.signin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ams.identity.IdentitySource;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.SourceAuthentication;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.local.AdministratorBootstrap;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.PasswordPolicy;
import org.ams.identity.oidc.OidcSignIn;
import org.ams.platform.AmsSettings;

/**
 * Signing in: asks the identity sources in order (local accounts, then each enabled directory) until one knows the
 * user, maps the user and all their groups through the role grants, and throttles guessing.
 * <p>
 * The first source that knows the user decides; a source that is down is skipped, so the local administrator signs in
 * while every directory is unreachable. Not in a transaction of its own: directory round trips must not hold one open
 * (the services it calls have theirs).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@PermitAll
public class SignInService {

    public static final String MAX_FAILURES_PER_ACCOUNT = "ams.signin.max-failures-per-account";
    public static final String MAX_FAILURES_PER_ADDRESS = "ams.signin.max-failures-per-address";
    public static final String FAILURE_WINDOW_MINUTES = "ams.signin.failure-window-minutes";
    /** How long a directory that did not answer is mentioned on the sign-in page. */
    private static final Duration OUTAGE_NOTICE = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SignInService.class.getName());

    @EJB
    private DirectorySourceService directories;

    @EJB
    private RoleService roles;

    @EJB
    private OidcSignIn oidc;

    @EJB
    private SignInFailures failures;

    private SignInThrottle throttle;
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();

    private record Outage(String sourceName, Instant at) {
    }

    @PostConstruct
    void configure() {
        AmsSettings settings = AmsSettings.current();
        throttle = new SignInThrottle(
                Integer.parseInt(settings.get(MAX_FAILURES_PER_ACCOUNT, "5")),
                Integer.parseInt(settings.get(MAX_FAILURES_PER_ADDRESS, "50")),
                Duration.ofMinutes(Long.parseLong(settings.get(FAILURE_WINDOW_MINUTES, "15"))),
                Clock.systemUTC(), failures);
    }

    public SignInResult signIn(String username, char[] password, String clientAddress) {
        Optional<Duration> wait = throttle.waitBefore(username, clientAddress);
        if (wait.isPresent()) {
            LOG.warning(() -> "Sign-in refused without checking: too many failures for this user name or from "
                    + clientAddress + ".");
            return new SignInResult(SignInResult.Status.RATE_LIMITED, null, wait.get(), List.of());
        }
        if (username == null || username.isBlank() || username.length() > LocalAccount.MAX_USERNAME_LENGTH
                || password == null || password.length == 0 || password.length > PasswordPolicy.MAX_LENGTH) {
            throttle.failed(username, clientAddress);
            return failed();
        }
        List<IdentitySource> sources = directories.identitySources();
        if (oidc.passwordAdminOnly()) {
            // Everybody else signs in with the identity provider; the built-in administrator is the way in when it
            // is down. Counted as a failure, so that guessing is throttled the same.
            if (!AdministratorBootstrap.ADMIN_USERNAME.equals(username.trim())) {
                throttle.failed(username, clientAddress);
                return new SignInResult(SignInResult.Status.PASSWORD_SIGN_IN_OFF, null, null, List.of());
            }
            sources = sources.subList(0, 1);
        }
        SourceAuthentication answer = SourceAuthentication.unknownUser();
        for (IdentitySource source : sources) {
            answer = source.authenticate(username.trim(), password);
            if (answer.outcome() == SourceAuthentication.Outcome.UNAVAILABLE) {
                outages.put(source.key(), new Outage(source.displayName(), Instant.now()));
                continue;
            }
            outages.remove(source.key());
            if (answer.outcome() != SourceAuthentication.Outcome.UNKNOWN_USER) {
                break;
            }
        }
        if (answer.outcome() != SourceAuthentication.Outcome.AUTHENTICATED) {
            throttle.failed(username, clientAddress);
            return failed();
        }
        throttle.succeeded(username);
        Set<PrincipalRef> principals = new LinkedHashSet<>();
        principals.add(answer.user());
        principals.addAll(answer.groups());
        Set<Role> granted = roles.rolesOf(principals);
        AuthenticatedUser user = new AuthenticatedUser(answer.user(), answer.groups(), granted);
        if (granted.isEmpty()) {
            LOG.info(() -> "Sign-in of " + user.username() + " (" + user.user().source() + ") refused: no role in AMS.");
            return new SignInResult(SignInResult.Status.NO_ROLE, null, null, List.of());
        }
        return new SignInResult(SignInResult.Status.SIGNED_IN, user, null, List.of());
    }

    private SignInResult failed() {
        Instant since = Instant.now().minus(OUTAGE_NOTICE);
        List<String> unreachable = new ArrayList<>();
        outages.values().stream().filter(outage -> outage.at().isAfter(since))
                .forEach(outage -> unreachable.add(outage.sourceName()));
        return new SignInResult(SignInResult.Status.FAILED, null, null, unreachable);
    }
}
