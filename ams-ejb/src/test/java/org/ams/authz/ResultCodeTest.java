package org.ams.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCodeTest {

    @Test
    void codesReadAsTheDocumentationNamesThem() {
        assertEquals(List.of("Success", "NoMatchingRuleForTarget", "NoMatchingRuleForUser", "ExplicitlyDenied",
                "UserRateLimitExceeded", "IpRateLimitExceeded", "ReasonRequired",
                "NotVisibleToUser", "NotificationFailed", "KeyIdNotFound", "NotAUserOfTheDevice", "KeyIdAmbiguous",
                "SelfServiceOff", "ApprovalPending"),
                Arrays.stream(ResultCode.values()).map(ResultCode::code).toList());
    }
}
