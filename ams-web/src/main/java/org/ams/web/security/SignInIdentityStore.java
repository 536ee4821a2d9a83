package org.ams.web.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.ams.identity.Role;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.SignInResult;
import org.ams.identity.signin.SignInService;
import org.ams.identity.signin.SignedInPrincipal;

/**
 * Checks sign-ins with the identity component, which asks the local accounts and then each enabled directory. The
 * caller's groups handed to the container are the application role names the user holds (through their own grants
 * or their groups'), which the container maps one-to-one onto the declared roles.
 * <p>
 * The caller principal is a {@link SignedInPrincipal}: the user by identity source and stable id, and the groups the
 * source found. The container keeps it with the session and presents it to the services, which work out who is asking
 * from it; nothing in the web tier holds or passes the user's groups.
 * <p>
 * The client address is the TCP peer's: behind a reverse proxy every sign-in shares the proxy's address for
 * throttling, which errs on the safe side.
 */
@ApplicationScoped
public class SignInIdentityStore implements IdentityStore {

    @EJB
    private SignInService signIn;

    @Inject
    private HttpServletRequest request;

    @Inject
    private SignInAttempt attempt;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        UsernamePasswordCredential login = (UsernamePasswordCredential) credential;
        SignInResult result = signIn.signIn(login.getCaller(), login.getPassword().getValue(),
                request.getRemoteAddr());
        attempt.record(result);
        if (result.status() != SignInResult.Status.SIGNED_IN) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        AuthenticatedUser user = result.user();
        return new CredentialValidationResult(null, new SignedInPrincipal(user.user(), user.groups()), null,
                user.user().source() + "/" + user.user().id(),
                user.roles().stream().map(Role::roleName).collect(Collectors.toSet()));
    }
}
