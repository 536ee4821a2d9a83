package org.ams.web.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.stream.Collectors;
import org.ams.identity.LocalAccountService;
import org.ams.identity.Role;

/**
 * Checks sign-ins against AMS's local accounts. The caller's groups are the application role names they hold, which
 * the container maps one-to-one onto the declared roles.
 */
@ApplicationScoped
public class LocalAccountIdentityStore implements IdentityStore {

    @EJB
    private LocalAccountService accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        UsernamePasswordCredential login = (UsernamePasswordCredential) credential;
        return accounts.authenticate(login.getCaller(), login.getPassword().getValue())
                .map(user -> new CredentialValidationResult(user.username(),
                        user.roles().stream().map(Role::roleName).collect(Collectors.toSet())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
