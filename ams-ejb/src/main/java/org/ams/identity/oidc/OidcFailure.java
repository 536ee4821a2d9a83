package org.ams.identity.oidc;

/** Why an OpenID Connect sign-in was refused, each with the sentence the sign-in page shows. */
public enum OidcFailure {
    NOT_CONFIGURED("Sign-in with an identity provider is not set up. Sign in with your user name and password."),
    PROVIDER_DOWN("The identity provider could not be reached, so nobody can sign in with it just now. Try again "
            + "later."),
    PROVIDER_REFUSED("The identity provider refused the sign-in. If that was not you cancelling it, ask an "
            + "administrator to check AMS's client id and secret at the provider."),
    REPLAYED("This sign-in answer was already used, had timed out or was not started in this browser, so it was "
            + "refused. Start the sign-in again."),
    WRONG_ISSUER("The identity provider's token was issued by another issuer than the one AMS trusts, so it was "
            + "refused. Ask an administrator to check the issuer URL."),
    WRONG_AUDIENCE("The identity provider's token was made for another application than AMS, so it was refused. "
            + "Ask an administrator to check the client id."),
    EXPIRED("The identity provider's token had expired or was not valid yet, so it was refused. Sign in again; if "
            + "this goes on, check the clocks of AMS and the provider."),
    BAD_SIGNATURE("The identity provider's token does not carry a valid signature of the provider, so it was "
            + "refused."),
    MISSING_USERNAME("The identity provider's token does not say your user name (the claim AMS is set to read is "
            + "missing), so it was refused. Ask an administrator to check the user-name claim."),
    TOO_MANY_GROUPS("The identity provider left your groups out of the token because there are too many of them, so "
            + "AMS cannot tell your roles. Ask an administrator to send only the groups assigned to AMS."),
    NO_ROLE("Your account has no role in AMS. Ask an administrator.");

    private final String sentence;

    OidcFailure(String sentence) {
        this.sentence = sentence;
    }

    /** What the sign-in page says. */
    public String sentence() {
        return sentence;
    }

    /** The code carried in the sign-in page's address. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The failure with this {@link #code()}, if there is one. */
    public static java.util.Optional<OidcFailure> ofCode(String code) {
        for (OidcFailure failure : values()) {
            if (failure.code().equals(code)) {
                return java.util.Optional.of(failure);
            }
        }
        return java.util.Optional.empty();
    }
}
