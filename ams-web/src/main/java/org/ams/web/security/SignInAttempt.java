package org.ams.web.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.ams.identity.signin.SignInResult;

/**
 * How the sign-in of the current request went, so the login page can say more than "failed" where that reveals
 * nothing about whether an account exists (throttled, no role, a directory down).
 */
@RequestScoped
public class SignInAttempt {

    private SignInResult result;

    public void record(SignInResult outcome) {
        this.result = outcome;
    }

    public Optional<SignInResult> result() {
        return Optional.ofNullable(result);
    }
}
