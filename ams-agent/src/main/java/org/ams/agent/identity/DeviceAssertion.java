package org.ams.agent.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.ams.protocol.wire.AgentApi;

/**
 * Signs the short-lived assertion that authenticates one request: a JWT (ES256) naming the device as issuer and
 * subject, the type {@link AgentApi#ASSERTION_TYPE} in its header, the server's agent API as audience, a unique id
 * the server remembers to refuse replays, and an expiry well inside {@link AgentApi#MAX_ASSERTION_LIFETIME}.
 */
public final class DeviceAssertion {

    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final DeviceKey key;
    private final Clock clock;

    public DeviceAssertion(DeviceKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public String sign(String deviceId, String serverUrl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(deviceId)
                .subject(deviceId)
                .audience(AgentApi.audience(serverUrl))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(30)))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(AgentApi.ASSERTION_TYPE)).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a device assertion", e);
        }
        return jwt.serialize();
    }
}
