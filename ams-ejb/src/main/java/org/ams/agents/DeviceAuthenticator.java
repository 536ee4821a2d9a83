package org.ams.agents;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
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
 * registered key, typed {@link AgentApi#ASSERTION_TYPE}, addressed to this server's agent API, at most
 * {@link AgentApi#MAX_ASSERTION_LIFETIME} long, issued and valid by now (give or take {@link #CLOCK_SKEW}), not
 * expired, with an id ({@code jti}) never seen before: the id is remembered until the assertion expires.
 */
@Stateless
// Any caller: it is the agent API's authentication (no signed-in user), and its sweep runs on a timer.
@PermitAll
public class DeviceAuthenticator {

    /** Clocks of devices and server disagree a little; more than this is a device to fix, not to accept. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_ASSERTION_CHARS = 4096;
    private static final int MAX_JTI_CHARS = 128;
    private static final String MEDIA_TYPE_PREFIX = "application/";

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
        checkHeader(jwt.getHeader());
        Device device = deviceOf(claims);
        verifySignature(jwt, device);
        checkClaims(claims, device.getId(), expectedAudience, Instant.now());
        checkState(device, pendingAllowed);
        remember(claims, device);
        return device;
    }

    /**
     * ES256 only, and explicitly typed {@link AgentApi#ASSERTION_TYPE}: a JWT the device key signed for another
     * purpose must not pass as an assertion. As RFC 7515 says of {@code typ}, the comparison ignores case and an
     * {@code application/} prefix.
     */
    static void checkHeader(JWSHeader header) {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "Device assertions must be signed with ES256.");
        }
        String type = header.getType() == null ? "" : header.getType().getType().toLowerCase(Locale.ROOT);
        if (type.startsWith(MEDIA_TYPE_PREFIX)) {
            type = type.substring(MEDIA_TYPE_PREFIX.length());
        }
        if (!AgentApi.ASSERTION_TYPE.equals(type)) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's header must name the type '"
                    + AgentApi.ASSERTION_TYPE + "'.");
        }
    }

    private Device deviceOf(JWTClaimsSet claims) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(claims.getSubject()));
        } catch (IllegalArgumentException e) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's subject is not a device id.");
        }
        // An imported computer no agent has registered from has no key to check an assertion against.
        return directory.find(id).filter(Device::hasAgent).orElseThrow(() -> refuse(AgentRefusal.UNKNOWN_DEVICE,
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

    /** The claims of a signed assertion of device {@code deviceId}, as the server sees them at {@code now}. */
    static void checkClaims(JWTClaimsSet claims, UUID deviceId, String expectedAudience, Instant now) {
        if (!deviceId.toString().equals(claims.getIssuer())) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion's issuer is not the device.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(expectedAudience)) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion is addressed to "
                    + claims.getAudience() + ", not to " + expectedAudience + ".");
        }
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
        Instant notBefore = instant(claims.getNotBeforeTime());
        if (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW))) {
            throw refuse(AgentRefusal.INVALID_ASSERTION, "The device assertion is not valid yet: check the device's "
                    + "clock.");
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

    /**
     * A replayed assertion finds its id already here. Two requests racing with one assertion both miss it; the primary
     * key lets only one of them insert it, and the insert runs now rather than at commit so that the other is refused
     * as a replay instead of failing at commit as a server error.
     */
    private void remember(JWTClaimsSet claims, Device device) {
        String jti = claims.getJWTID();
        if (em.find(UsedAssertion.class, jti) != null) {
            throw replayed();
        }
        em.persist(new UsedAssertion(jti, device.getId(),
                OffsetDateTime.ofInstant(claims.getExpirationTime().toInstant(), ZoneOffset.UTC).plus(CLOCK_SKEW)));
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (concurrentUse(e)) {
                throw replayed();
            }
            throw e;
        }
    }

    /**
     * Whether inserting an assertion id failed because another transaction holds it: a unique violation (SQLSTATE
     * 23505 on PostgreSQL and H2) once that one committed, or H2's lock timeout (HYT00) while it has not yet.
     */
    static boolean concurrentUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("23505".equals(sql.getSQLState())
                    || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static AgentApiException replayed() {
        return refuse(AgentRefusal.ASSERTION_REPLAYED, "This device assertion was already used.");
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
