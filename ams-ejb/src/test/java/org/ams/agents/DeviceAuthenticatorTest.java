package org.ams.agents;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import jakarta.persistence.PersistenceException;
import org.ams.protocol.wire.AgentApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks of a device assertion that need no database: its header and its claims at a given time. */
class DeviceAuthenticatorTest {

    private static final UUID DEVICE = UUID.fromString("6a0f3c52-8d1e-4b7a-9c2f-1e5d7a3b9c40");
    private static final String AUDIENCE = AgentApi.audience("https://ams.example.com:8443");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    @DisplayName("The agent's own assertion passes: ES256, typed ams-device+jwt, two minutes, a unique jti")
    void theAgentsAssertionPasses() {
        assertDoesNotThrow(() -> DeviceAuthenticator.checkHeader(header(AgentApi.ASSERTION_TYPE)));
        assertDoesNotThrow(() -> DeviceAuthenticator.checkClaims(claims(NOW, NOW.plus(Duration.ofMinutes(2)))
                .build(), DEVICE, AUDIENCE, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AMS-Device+JWT", "application/ams-device+jwt"})
    @DisplayName("typ is compared as RFC 7515 says: case does not matter, nor an application/ prefix")
    void typeComparedAsMediaType(String type) {
        assertDoesNotThrow(() -> DeviceAuthenticator.checkHeader(header(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "at+jwt", "ams-device", "ams-device+jwt+x", "application/jwt", ""})
    @DisplayName("Any other typ is refused like any invalid assertion")
    void otherTypesRefused(String type) {
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkHeader(header(type)));
    }

    @Test
    @DisplayName("A missing typ is refused")
    void missingTypeRefused() {
        AgentApiException refused = assertRefused(AgentRefusal.INVALID_ASSERTION,
                () -> DeviceAuthenticator.checkHeader(new JWSHeader(JWSAlgorithm.ES256)));
        assertTrue(refused.getMessage().contains(AgentApi.ASSERTION_TYPE), refused.getMessage());
    }

    @Test
    @DisplayName("Another algorithm is refused even when typed correctly")
    void otherAlgorithmRefused() {
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkHeader(
                new JWSHeader.Builder(JWSAlgorithm.ES384).type(new JOSEObjectType(AgentApi.ASSERTION_TYPE)).build()));
    }

    @Test
    @DisplayName("Issued in the future beyond the clock skew: refused; within it: accepted")
    void futureIssueTime() {
        Instant beyond = NOW.plus(DeviceAuthenticator.CLOCK_SKEW).plusSeconds(1);
        AgentApiException refused = assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator
                .checkClaims(claims(beyond, beyond.plusSeconds(120)).build(), DEVICE, AUDIENCE, NOW));
        assertTrue(refused.getMessage().contains("future"), refused.getMessage());

        Instant within = NOW.plus(DeviceAuthenticator.CLOCK_SKEW).minusSeconds(1);
        assertDoesNotThrow(() -> DeviceAuthenticator.checkClaims(claims(within, within.plusSeconds(120)).build(),
                DEVICE, AUDIENCE, NOW));
    }

    @Test
    @DisplayName("Not valid before a time beyond the clock skew: refused")
    void futureNotBefore() {
        JWTClaimsSet claims = claims(NOW, NOW.plusSeconds(120))
                .notBeforeTime(Date.from(NOW.plus(DeviceAuthenticator.CLOCK_SKEW).plusSeconds(1))).build();
        assertRefused(AgentRefusal.INVALID_ASSERTION,
                () -> DeviceAuthenticator.checkClaims(claims, DEVICE, AUDIENCE, NOW));
    }

    @Test
    @DisplayName("A lifetime over the maximum is refused even while the assertion is current; the maximum passes")
    void lifetimeOverTheMaximum() {
        Instant issued = NOW.minusSeconds(10);
        AgentApiException refused = assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator
                .checkClaims(claims(issued, issued.plus(AgentApi.MAX_ASSERTION_LIFETIME).plusSeconds(1)).build(),
                        DEVICE, AUDIENCE, NOW));
        assertTrue(refused.getMessage().contains("longer than 5 minutes"), refused.getMessage());

        assertDoesNotThrow(() -> DeviceAuthenticator.checkClaims(
                claims(issued, issued.plus(AgentApi.MAX_ASSERTION_LIFETIME)).build(), DEVICE, AUDIENCE, NOW));
    }

    @Test
    @DisplayName("Expired beyond the clock skew: refused as expired")
    void expired() {
        Instant issued = NOW.minus(Duration.ofMinutes(4));
        assertRefused(AgentRefusal.ASSERTION_EXPIRED, () -> DeviceAuthenticator.checkClaims(
                claims(issued, issued.plusSeconds(120)).build(), DEVICE, AUDIENCE, NOW));
    }

    @Test
    @DisplayName("Without iat or exp: refused")
    void missingTimes() {
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).issueTime(null).build(), DEVICE, AUDIENCE, NOW));
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).expirationTime(null).build(), DEVICE, AUDIENCE, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    @DisplayName("A missing, blank or over-long jti is refused: without one a replay could not be recognised")
    void missingJti(String blank) {
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).jwtID(null).build(), DEVICE, AUDIENCE, NOW));
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).jwtID(blank).build(), DEVICE, AUDIENCE, NOW));
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).jwtID("j".repeat(129)).build(), DEVICE, AUDIENCE, NOW));
    }

    @Test
    @DisplayName("Another issuer or audience is refused")
    void issuerAndAudience() {
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).issuer(UUID.randomUUID().toString()).build(), DEVICE, AUDIENCE,
                NOW));
        assertRefused(AgentRefusal.INVALID_ASSERTION, () -> DeviceAuthenticator.checkClaims(
                claims(NOW, NOW.plusSeconds(120)).audience("https://other.example/api/agent/v1").build(), DEVICE,
                AUDIENCE, NOW));
    }

    @Test
    @DisplayName("An assertion id another transaction holds is a replay; any other database failure is not")
    void concurrentUseOfAnAssertionId() {
        assertTrue(DeviceAuthenticator.concurrentUse(new PersistenceException(new RuntimeException(
                new SQLException("duplicate key", "23505")))));
        assertTrue(DeviceAuthenticator.concurrentUse(new PersistenceException(new SQLException("lock", "HYT00"))));
        assertFalse(DeviceAuthenticator.concurrentUse(new PersistenceException(new SQLException("gone", "08006"))));
        assertFalse(DeviceAuthenticator.concurrentUse(new PersistenceException("no SQL state")));
    }

    private static JWSHeader header(String type) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type)).build();
    }

    private static JWTClaimsSet.Builder claims(Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(DEVICE.toString()).subject(DEVICE.toString()).audience(AUDIENCE)
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued.minusSeconds(30)))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString());
    }

    private static AgentApiException assertRefused(AgentRefusal refusal, Executable call) {
        AgentApiException refused = assertThrows(AgentApiException.class, call);
        assertEquals(refusal, refused.refusal(), refused.getMessage());
        return refused;
    }
}
