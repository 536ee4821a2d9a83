package org.ams.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.SignedInPrincipal;
import org.junit.jupiter.api.Test;

class SessionIdentityTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-06T08:00:00Z");
    private static final Duration TEN_HOURS = Duration.ofMinutes(600);

    private final SessionIdentity identity = new SessionIdentity(new SignedInPrincipal(
            PrincipalRef.user("oidc", "f3b1c2d4-subject", "alice"), Set.of()), Set.of("HELPDESK"), SIGNED_IN);

    @Test
    void aSessionLastsTheLimitAfterItsSignInAndNoLonger() {
        assertFalse(identity.endedBy(SIGNED_IN.plus(TEN_HOURS).minusMillis(1), TEN_HOURS));
        assertTrue(identity.endedBy(SIGNED_IN.plus(TEN_HOURS), TEN_HOURS), "at the limit it has ended");
        assertTrue(identity.endedBy(SIGNED_IN.plus(Duration.ofDays(3)), TEN_HOURS));
    }

    @Test
    void aLimitLoweredLaterEndsSessionsAlreadyPastIt() {
        Instant nineHoursOn = SIGNED_IN.plus(Duration.ofHours(9));
        assertFalse(identity.endedBy(nineHoursOn, TEN_HOURS));
        assertTrue(identity.endedBy(nineHoursOn, Duration.ofHours(8)));
    }

    @Test
    void aNewIdentityIsSignedInNow() {
        Instant before = Instant.now();
        SessionIdentity now = new SessionIdentity(identity.principal(), identity.roles());
        assertFalse(now.signedInAt().isBefore(before));
        assertEquals(identity.roles(), now.roles());
    }
}
