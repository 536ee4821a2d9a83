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
import org.ams.identity.AuthenticatedUser;
import org.ams.identity.Role;
import org.ams.identity.SignInResult;
import org.ams.identity.SignInService;
import org.ams.web.session.SignedInUser;

/**
 * Checks sign-ins with the identity component, which asks the local accounts and then each enabled directory. The
 * caller's groups handed to the container are the application role names the user holds (through their own grants
 * or their groups'), which the container maps one-to-one onto the declared roles.
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

    @Inject
    private SignedInUser signedInUser;

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
        if (request.getAttribute(AuditApiAuthentication.STATELESS) == null) {
            // Only a sign-in with a session keeps the user there; a Basic call to the audit API must not open one.
            signedInUser.signedIn(user);
        }
        return new CredentialValidationResult(null, user.username(), null,
                user.user().source() + "/" + user.user().id(),
                user.roles().stream().map(Role::roleName).collect(Collectors.toSet()));
    }
}
