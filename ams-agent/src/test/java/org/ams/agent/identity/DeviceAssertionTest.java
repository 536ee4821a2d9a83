package org.ams.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ams.protocol.wire.AgentApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceAssertionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void isSignedByTheDeviceKeyForTheServersAgentApiAndShortLived() throws Exception {
        DeviceKey key = DeviceKey.loadOrCreate(dataDir);
        DeviceAssertion assertion = new DeviceAssertion(key, Clock.fixed(NOW, ZoneOffset.UTC));

        SignedJWT jwt = SignedJWT.parse(assertion.sign("device-42", "https://ams.example:8443/"));

        assertTrue(jwt.verify(new ECDSAVerifier(key.publicKey())), "signature checks with the device's public key");
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(AgentApi.ASSERTION_TYPE, jwt.getHeader().getType().getType(), "typed as the server requires");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("device-42", claims.getSubject());
        assertEquals("device-42", claims.getIssuer());
        assertEquals(List.of("https://ams.example:8443" + AgentApi.BASE_PATH), claims.getAudience());
        Duration lifetime = Duration.between(NOW, claims.getExpirationTime().toInstant());
        assertTrue(lifetime.compareTo(AgentApi.MAX_ASSERTION_LIFETIME) < 0, "expires within the server's limit");
        assertFalse(lifetime.isNegative());
    }

    @Test
    void everyAssertionHasItsOwnId() throws Exception {
        DeviceAssertion assertion = new DeviceAssertion(DeviceKey.loadOrCreate(dataDir), Clock.systemUTC());

        String first = SignedJWT.parse(assertion.sign("d", "https://s")).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(assertion.sign("d", "https://s")).getJWTClaimsSet().getJWTID();

        assertNotEquals(first, second);
    }
}
