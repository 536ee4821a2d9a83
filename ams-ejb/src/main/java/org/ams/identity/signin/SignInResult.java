package org.ams.identity.signin;

import java.time.Duration;
import java.util.List;

/**
 * What a sign-in attempt came to. Only {@link Status#SIGNED_IN} carries the user; the failures carry nothing that
 * tells whether the account exists.
 *
 * @param status              the outcome
 * @param user                the signed-in user, for {@link Status#SIGNED_IN}
 * @param retryAfter          for {@link Status#RATE_LIMITED}: how long to wait
 * @param unreachableSources  directories that could not be asked recently (their names), so the page can say why a
 *                            directory account cannot sign in right now
 */
public record SignInResult(Status status, AuthenticatedUser user, Duration retryAfter,
                           List<String> unreachableSources) {

    public enum Status {
        SIGNED_IN,
        /** Wrong user name or password, disabled account, or nobody knew the user: one answer for all. */
        FAILED,
        /** The credentials are right but the account holds no application role. */
        NO_ROLE,
        /** Too many failures for this user name or client address. */
        RATE_LIMITED,
        /** Password sign-in is left to the local administrator; everybody else signs in with the provider. */
        PASSWORD_SIGN_IN_OFF
    }

    public SignInResult {
        unreachableSources = unreachableSources == null ? List.of() : List.copyOf(unreachableSources);
    }

    /** Whole minutes to wait, rounded up, at least one. */
    public long retryAfterMinutes() {
        return retryAfter == null ? 0 : Math.max(1, (retryAfter.toSeconds() + 59) / 60);
    }
}
