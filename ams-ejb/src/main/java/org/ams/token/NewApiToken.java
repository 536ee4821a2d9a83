package org.ams.token;

/**
 * A token just issued, with its secret: the only time the secret exists outside the caller's hands. Shown once, never
 * stored, logged or audited.
 *
 * @param token  the stored token (its hash and hint only)
 * @param secret the bearer secret, {@code ams_} and 43 URL-safe characters
 */
public record NewApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "NewApiToken[" + token.getId() + "]";
    }
}
