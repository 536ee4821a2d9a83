package org.ams.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class OidcClientKeysTest {

    private static final OidcClientKeys.Generated KEY = OidcClientKeys.generate("AMS OpenID Connect client");

    @Test
    void theCertificateIsForSigningAndTravelsAsPem() throws Exception {
        X509Certificate certificate = OidcClientKeys.certificate(OidcClientKeys.pem(KEY.certificate()));
        assertEquals(KEY.certificate(), certificate);
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertFalse(certificate.getKeyUsage()[2], "not keyEncipherment");
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        certificate.verify(certificate.getPublicKey());
        assertEquals(KEY.keyId(), OidcClientKeys.keyId(certificate));
    }

    @Test
    void theJwkSetPublishesThePublicKeyOnly() throws Exception {
        String json = OidcClientKeys.jwks(KEY.certificate());
        RSAKey published = (RSAKey) JWKSet.parse(json).getKeyByKeyId(KEY.keyId());
        assertFalse(published.isPrivate(), "no private part");
        assertFalse(json.contains("\"d\""));
        assertEquals(KeyUse.SIGNATURE, published.getKeyUse());
        assertEquals(JWSAlgorithm.RS256, published.getAlgorithm());
        assertEquals(KEY.certificate().getPublicKey(), published.toPublicKey());
        assertEquals(Base64URL.from(KEY.keyId()), published.getX509CertSHA256Thumbprint());
    }

    @Test
    void anAssertionSignedWithTheStoredKeyVerifiesWithThePublishedOne() throws Exception {
        URI tokenEndpoint = URI.create("https://sso.corp.example/realms/corp/protocol/openid-connect/token");
        PrivateKeyJWT assertion = new PrivateKeyJWT(new ClientID("ams"), tokenEndpoint, JWSAlgorithm.RS256,
                OidcClientKeys.privateKey(KEY.privateKey().getEncoded()), KEY.keyId(), null,
                Base64URL.from(KEY.keyId()), null);
        SignedJWT jwt = assertion.getClientAssertion();
        RSAKey published = (RSAKey) JWKSet.parse(OidcClientKeys.jwks(KEY.certificate())).getKeys().get(0);
        assertTrue(jwt.verify(new RSASSAVerifier(published)));
        assertEquals(KEY.keyId(), jwt.getHeader().getKeyID());
        assertEquals("ams", jwt.getJWTClaimsSet().getIssuer());
        assertEquals("ams", jwt.getJWTClaimsSet().getSubject());
        assertEquals(java.util.List.of(tokenEndpoint.toString()), jwt.getJWTClaimsSet().getAudience());
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().getTime() - System.currentTimeMillis() <= 10 * 60_000,
                "short-lived");
    }
}
