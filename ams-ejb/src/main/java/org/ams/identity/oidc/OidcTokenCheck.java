package org.ams.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.Locale;
import java.util.Set;

/**
 * Validates an ID token with the Nimbus SDK's {@link IDTokenValidator} (signature against the provider's published
 * keys, issuer, audience and authorized party, expiry and issue time, nonce) and says in AMS's words why one was
 * refused. Nothing of the validation is AMS's own: this class only chooses the expectations and names the outcome.
 */
public final class OidcTokenCheck {

    /** How far the provider's clock may be from AMS's. */
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final IDTokenValidator validator;

    /**
     * @param issuer     the issuer AMS trusts (the configured one, which the discovery document confirmed)
     * @param clientId   AMS's client id: the token's audience
     * @param algorithms the signature algorithms the provider says it signs ID tokens with
     * @param keys       the provider's keys (its {@code jwks_uri}, fetched and cached by the SDK)
     */
    public OidcTokenCheck(String issuer, String clientId, Set<JWSAlgorithm> algorithms,
                          JWKSource<SecurityContext> keys) {
        validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId),
                new JWSVerificationKeySelector<>(algorithms, keys), null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    }

    /**
     * The token's claims, once it passed every check.
     *
     * @throws OidcException why it did not
     */
    public JWTClaimsSet validate(JWT idToken, Nonce expectedNonce) {
        try {
            return validator.validate(idToken, expectedNonce).toJWTClaimsSet();
        } catch (BadJOSEException e) {
            throw new OidcException(failureOf(e.getMessage()), "The ID token was refused: " + e.getMessage(), e);
        } catch (JOSEException e) {
            // The keys could not be fetched or a signature not computed: nothing about the token is known.
            throw new OidcException(OidcFailure.PROVIDER_DOWN, "The ID token could not be checked: "
                    + e.getMessage(), e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new OidcException(OidcFailure.BAD_SIGNATURE, "The ID token's claims cannot be read.", e);
        }
    }

    /** The SDK says why in its messages only (its exception types do not tell issuer from audience). */
    static OidcFailure failureOf(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("issuer")) {
            return OidcFailure.WRONG_ISSUER;
        }
        if (text.contains("audience") || text.contains("authorized party")) {
            return OidcFailure.WRONG_AUDIENCE;
        }
        if (text.contains("expired") || text.contains("issue time") || text.contains("before use")) {
            return OidcFailure.EXPIRED;
        }
        if (text.contains("nonce")) {
            return OidcFailure.REPLAYED;
        }
        return OidcFailure.BAD_SIGNATURE;
    }
}
