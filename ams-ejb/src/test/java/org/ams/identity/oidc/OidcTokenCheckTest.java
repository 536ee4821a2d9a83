package org.ams.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's validation with the expectations AMS gives it, on tokens signed here like a provider signs them: each
 * kind of bad token is refused and named as the sign-in page names it.
 */
class OidcTokenCheckTest {

    private static final String ISSUER = "https://idp.example.test/realms/ams";
    private static final String CLIENT = "ams";
    private static final Nonce NONCE = new Nonce("n-0S6_WzA2Mj");
    private static RSAKey providerKey;
    private static RSAKey strangerKey;
    private static OidcTokenCheck check;

    @BeforeAll
    static void keys() throws JOSEException {
        providerKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        check = new OidcTokenCheck(ISSUER, CLIENT, Set.of(JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK())));
    }

    @Test
    void aGoodTokenGivesItsClaims() throws Exception {
        JWTClaimsSet claims = check.validate(token(providerKey, UnaryOperator.identity()), NONCE);

        assertEquals("alice", claims.getStringClaim("preferred_username"));
    }

    @Test
    void wrongIssuer() {
        assertRefused(OidcFailure.WRONG_ISSUER, providerKey, c -> c.issuer("https://evil.example.test/realms/ams"));
    }

    @Test
    void wrongAudience() {
        assertRefused(OidcFailure.WRONG_AUDIENCE, providerKey, c -> c.audience("another-app"));
    }

    @Test
    void expired() {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(OidcFailure.EXPIRED, providerKey, c -> c.issueTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)));
    }

    @Test
    void issuedInTheFuture() {
        Instant later = Instant.now().plusSeconds(3600);
        assertRefused(OidcFailure.EXPIRED, providerKey, c -> c.issueTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(300))));
    }

    @Test
    void signedByAnotherKey() {
        assertRefused(OidcFailure.BAD_SIGNATURE, strangerKey, UnaryOperator.identity());
    }

    @Test
    void anotherSignInsNonce() {
        assertRefused(OidcFailure.REPLAYED, providerKey, c -> c.claim("nonce", "someone-elses"));
    }

    private static void assertRefused(OidcFailure expected, RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        OidcException refused = assertThrows(OidcException.class, () -> check.validate(token(key, change), NONCE));
        assertEquals(expected, refused.failure(), refused.getMessage());
    }

    private static SignedJWT token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("f3c1-77")
                .audience(List.of(CLIENT)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", NONCE.getValue()).claim("preferred_username", "alice");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }
}
