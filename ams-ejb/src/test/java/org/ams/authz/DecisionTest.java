package org.ams.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static final RuleConsideration RULE = new RuleConsideration(UUID.randomUUID(), "Helpdesk reads laptops",
            RuleTarget.computer(UUID.randomUUID()), TargetMatch.THE_COMPUTER_ITSELF, RuleStatus.ACTIVE, List.of());

    private static String verdict(ResultCode result, RuleConsideration deciding) {
        return new Decision(result, UUID.randomUUID(), Permission.READ_BITLOCKER_RECOVERY_PASSWORD, deciding,
                List.of()).verdict("hannah");
    }

    @Test
    @DisplayName("Each result reads as one sentence naming the user, the permission and the deciding rule")
    void verdicts() {
        assertEquals("Granted: hannah may read bitlocker recovery passwords of this computer, through the rule "
                + "\"Helpdesk reads laptops\".", verdict(ResultCode.SUCCESS, RULE));
        assertEquals("Denied: the rule \"Helpdesk reads laptops\" denies hannah this permission, and a Deny always "
                + "wins.", verdict(ResultCode.EXPLICITLY_DENIED, RULE));
        assertEquals("Denied: no enabled rule applies to this computer (its tenant, directory, groups or itself).",
                verdict(ResultCode.NO_MATCHING_RULE_FOR_TARGET, null));
        assertEquals("Denied: rules apply to this computer, but none of them gives hannah or their groups this "
                + "permission.", verdict(ResultCode.NO_MATCHING_RULE_FOR_USER, null));
    }
}
