package org.ams.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.ams.authz.RuleApproval;
import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.Test;

class ApprovalRequestTest {

    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final PrincipalRef GROUP = PrincipalRef.group("local", "g", "Officers");
    private static final PrincipalRef REQUESTER = PrincipalRef.user("local", "r", "rita");
    private static final PrincipalRef ANN = PrincipalRef.user("local", "a", "ann");
    private static final PrincipalRef BEN = PrincipalRef.user("ldap:x", "b", "ben");

    private static ApprovalRequest request(int required, boolean singleRead) {
        return new ApprovalRequest(UUID.randomUUID(), "PC-1", REQUESTER, "locked out", "192.0.2.1",
                UUID.randomUUID(), "rule", new RuleApproval(GROUP, required, 30, singleRead), NOON);
    }

    @Test
    void theLastApprovalNeededOpensTheWindow() {
        ApprovalRequest request = request(2, true);
        request.approve(ANN, null, NOON.plusMinutes(1));
        assertEquals(ApprovalState.PENDING, request.getState());
        assertFalse(request.readable(NOON.plusMinutes(2)));
        assertTrue(request.decidedBy(ANN));
        assertFalse(request.decidedBy(PrincipalRef.user("ldap:x", "a", "ann")), "same id in another source");
        request.approve(BEN, "ok", NOON.plusMinutes(5));
        assertEquals(ApprovalState.APPROVED, request.getState());
        assertEquals(NOON.plusMinutes(35), request.getReadableUntil().orElseThrow());
        assertTrue(request.readable(NOON.plusMinutes(34)));
        assertFalse(request.readable(NOON.plusMinutes(35)), "the window has closed");
    }

    @Test
    void oneReadUsesTheApprovalUnlimitedReadsDoNot() {
        ApprovalRequest once = request(1, true);
        once.approve(ANN, null, NOON);
        once.read();
        assertEquals(ApprovalState.USED, once.getState());
        assertFalse(once.readable(NOON.plusMinutes(1)));

        ApprovalRequest often = request(1, false);
        often.approve(ANN, null, NOON);
        often.read();
        often.read();
        assertTrue(often.readable(NOON.plusMinutes(1)));
        assertEquals(2, often.getReads());
    }

    @Test
    void aRejectionEndsItAndAnOldPendingRequestIsOverdue() {
        ApprovalRequest rejected = request(2, true);
        rejected.reject(ANN, "no ticket", NOON);
        assertEquals(ApprovalState.REJECTED, rejected.getState());
        assertFalse(rejected.readable(NOON));
        assertFalse(rejected.overdue(NOON.plusDays(9), 60), "only pending requests expire");

        ApprovalRequest waiting = request(1, true);
        assertTrue(waiting.requestedBy(REQUESTER));
        assertFalse(waiting.overdue(NOON.plusMinutes(59), 60));
        assertTrue(waiting.overdue(NOON.plusMinutes(60), 60));
    }
}
