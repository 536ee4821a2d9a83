package org.ams.it;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.signin.RoleService;

/**
 * Deployed with in-container tests only: runs a test's calls as a user signed in with their password through the
 * application's own authentication mechanism and identity store, exactly as the sign-in page signs a browser in, so
 * the services see the caller principal (and groups) a signed-in session carries. No test can hand a service an
 * identity any other way.
 */
@Dependent
public class SignedInCalls {

    @Inject
    private SecurityContext security;

    @Inject
    private HttpServletRequest request;

    @Inject
    private AsAdministrator admin;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private RoleService roles;

    /**
     * A local account of the test's own (a unique name starting with {@code it-<kind>-}) holding these roles, granted
     * to the account itself. {@link #retire} takes the roles back and disables it.
     */
    public Caller newAccount(String kind, Role... granted) throws Exception {
        String name = "it-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        return newAccount(name, "Password-of-" + name, granted);
    }

    /** A local account with this name and password, holding these roles; {@link #retire} ends it. */
    public Caller newAccount(String name, String password, Role... granted) throws Exception {
        return admin.call(() -> {
            LocalAccount account = accounts.add(name, null, password.toCharArray());
            List<UUID> grants = new ArrayList<>();
            for (Role role : granted) {
                grants.add(roles.grant(role, account.principal()).getId());
            }
            return new Caller(name, password, account.getId(), account.principal(), grants);
        });
    }

    /** Grants the caller's account one more role, which counts from their next sign-in. */
    public void grant(Caller caller, Role role) throws Exception {
        caller.grants().add(admin.call(() -> roles.grant(role, caller.principal())).getId());
    }

    /** Takes the account's roles back and disables it, for the classes that share the server. */
    public void retire(Caller caller) throws Exception {
        admin.call(() -> {
            for (UUID grant : caller.grants()) {
                roles.revoke(grant);
            }
            if (accounts.list().stream().anyMatch(a -> a.getId().equals(caller.accountId()) && a.isEnabled())) {
                accounts.enable(caller.accountId(), false);
            }
            return null;
        });
    }

    /** Signs in as the caller for the calls in {@code work}, and out again afterwards. */
    public <T> T as(Caller caller, Callable<T> work) throws Exception {
        return as(caller.name(), caller.password(), work);
    }

    /** Signs in as the user for the calls in {@code work}, and out again afterwards. */
    public <T> T as(String username, String password, Callable<T> work) throws Exception {
        HttpServletResponse response = (HttpServletResponse) request.getAttribute(RunnerResponse.ATTRIBUTE);
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new IllegalStateException("Signing in as " + username + " did not succeed: " + status);
        }
        try {
            return work.call();
        } finally {
            request.logout();
        }
    }

    /** A test's own local account and the role grants {@link #retire} takes back. */
    public record Caller(String name, String password, UUID accountId, PrincipalRef principal, List<UUID> grants) {
    }
}
