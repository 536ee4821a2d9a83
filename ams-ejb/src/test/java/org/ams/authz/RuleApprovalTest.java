package org.ams.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.Test;

class RuleApprovalTest {

    private static final PrincipalRef OFFICERS = PrincipalRef.group("local", "id-1", "Security officers");
    private static final PrincipalRef DANA = PrincipalRef.user("local", "id-2", "dana");

    private static String refusal(Runnable construction) {
        AuthorizationRuleException refused = assertThrows(AuthorizationRuleException.class, construction::run);
        assertEquals(AuthorizationRuleException.Reason.INVALID_APPROVAL, refused.reason());
        return refused.getMessage();
    }

    @Test
    void approversNumberAndWindowAreChecked() {
        assertEquals("Choose the user or group whose members approve requests under this rule.",
                refusal(() -> new RuleApproval(null, 1, 60, true)));
        assertEquals("A request needs between 1 and 10 approvals; 0 is not.",
                refusal(() -> new RuleApproval(OFFICERS, 0, 60, true)));
        assertEquals("A request needs between 1 and 10 approvals; 11 is not.",
                refusal(() -> new RuleApproval(OFFICERS, 11, 60, true)));
        assertEquals("An approved request may be read for between 1 and 10080 minutes (a week); 0 is not.",
                refusal(() -> new RuleApproval(OFFICERS, 2, 0, false)));
        assertEquals("A single user gives one approval; choose a group whose members approve, or require one "
                + "approval.", refusal(() -> new RuleApproval(DANA, 2, 60, true)));
        assertEquals(1, new RuleApproval(DANA, 1, 60, true).required());
    }

    @Test
    void describedForPagesAndAuditRecords() {
        assertEquals("2 approvals by group Security officers (local), readable for 30 minute(s), unlimited reads",
                new RuleApproval(OFFICERS, 2, 30, false).describe());
    }
}
