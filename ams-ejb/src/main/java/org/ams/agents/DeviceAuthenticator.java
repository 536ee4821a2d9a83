package org.ams.agents;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.ams.crypto.CryptoEngine;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceState;
import org.ams.platform.AmsSettings;
import org.ams.protocol.wire.AgentApi;

/**
 * Proves that a request comes from a registered device: its assertion is an ES256 JWT signed with the device's
 * registered key, addressed to this server's agent API, at most {@link AgentApi#MAX_ASSERTION_LIFETIME} long, not
 * expired, and never seen before (its id is remembered until it expires).
 */
@Stateless
// Any caller: it is the agent API's authentication (no signed-in user), and its sweep runs on a timer.
@PermitAll
public class DeviceAuthenticator {

    /** Clocks of devices and server disagree a little; more than this is a device to fix, not to accept. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_ASSERTION_CHARS = 4096;
    private static final int MAX_JTI_CHARS = 128;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private DeviceDirectory directory;

    /** Chosen on first use by each pooled instance; the native provider itself is loaded once. */
    private AssertionSignatures signatures;

    /**
     * @param assertion        the compact JWS from the {@code Authorization: Device ...} header, or {@code null}
     * @param expectedAudience this server's agent API URL, as {@link AgentApi#audience(String)} makes it
     * @param pendingAllowed   whether a device still awaiting approval may make this call (check-in may)
     */
    public Device authenticate(String assertion, String expectedAudience, boolean pendingAllowed) {
        if (assertion == null || assertion.isBlank()) {
            throw refuse(AgentRefusal.MISSING_ASSERTION, "This call needs an 'Authorization: "
                    + AgentApi.AUTHORIZATION_SCHEME + " <assertion>' header signed with the device key.");
        }
        if (assertion.length() > MAX_ASSERTION_CHARS) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion is too long.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion is not a signed JWT.");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "Device assertions must be signed with ES256.");
        }
        Device device = deviceOf(claims);
        verifySignature(jwt, device);
        checkClaims(claims, device, expectedAudience);
        checkState(device, pendingAllowed);
        remember(claims, device);
        return device;
    }

    private Device deviceOf(JWTClaimsSet claims) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(claims.getSubject()));
        } catch (IllegalArgumentException e) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's subject is not a device id.");
        }
        return directory.find(id).orElseThrow(() -> refuse(AgentRefusal.UNKNOWN_DEVICE,
                "No device with this id is registered here. Register the agent again."));
    }

    private void verifySignature(SignedJWT jwt, Device device) {
        try {
            if (!signatures().verify(jwt, device.getPublicKey())) {
                throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's signature does not match the "
                        + "device's registered key.");
            }
        } catch (GeneralSecurityException e) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's signature cannot be checked.");
        }
    }

    private AssertionSignatures signatures() {
        if (signatures == null) {
            signatures = new AssertionSignatures(CryptoEngine.nativeProvider(AmsSettings.current()));
        }
        return signatures;
    }

    private static void checkClaims(JWTClaimsSet claims, Device device, String expectedAudience) {
        if (!device.getId().toString().equals(claims.getIssuer())) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's issuer is not the device.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(expectedAudience)) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion is addressed to "
                    + claims.getAudience() + ", not to " + expectedAudience + ".");
        }
        Instant now = Instant.now();
        Instant issued = instant(claims.getIssueTime());
        Instant expires = instant(claims.getExpirationTime());
        if (issued == null || expires == null) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion needs 'iat' and 'exp'.");
        }
        if (Duration.between(issued, expires).compareTo(AgentApi.MAX_ASSERTION_LIFETIME) > 0) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion lives longer than "
                    + AgentApi.MAX_ASSERTION_LIFETIME.toMinutes() + " minutes.");
        }
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion was issued in the future: check the "
                    + "device's clock.");
        }
        if (!expires.isAfter(now.minus(CLOCK_SKEW))) {
            throw refuse(AgentRefusal.ASSERTION_EXPIRED, "The device assertion has expired: check the device's "
                    + "clock.");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_CHARS) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion needs a unique 'jti'.");
        }
    }

    private static void checkState(Device device, boolean pendingAllowed) {
        DeviceState state = device.getState();
        switch (state) {
            case APPROVED:
                return;
            case PENDING:
                if (pendingAllowed) {
                    return;
                }
                throw refuse(AgentRefusal.DEVICE_PENDING, "This device awaits an administrator's approval.");
            case REJECTED:
                throw refuse(AgentRefusal.DEVICE_REJECTED, "An administrator rejected this device's registration.");
            case DISABLED:
                throw refuse(AgentRefusal.DEVICE_DISABLED, "An administrator disabled this device.");
            case DELETED:
            default:
                throw refuse(AgentRefusal.DEVICE_DELETED, "This device was deleted from AMS. Register it again.");
        }
    }

    /** A replayed assertion finds its id already here; the primary key also stops two racing replays. */
    private void remember(JWTClaimsSet claims, Device device) {
        String jti = claims.getJWTID();
        if (em.find(UsedAssertion.class, jti) != null) {
            throw refuse(AgentRefusal.ASSERTION_REPLAYED, "This device assertion was already used.");
        }
        em.persist(new UsedAssertion(jti, device.getId(),
                OffsetDateTime.ofInstant(claims.getExpirationTime().toInstant(), ZoneOffset.UTC).plus(CLOCK_SKEW)));
    }

    /** Forgets assertion ids that can no longer be replayed because they expired. */
    public int forgetExpired() {
        return em.createQuery("DELETE FROM UsedAssertion u WHERE u.expiresAt < :now")
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
    }

    private static Instant instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant).orElse(null);
    }

    private static AgentApiException refuse(AgentRefusal refusal, String message) {
        return new AgentApiException(refusal, message);
    }
}
