package org.ams.authz;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer for one user, one computer and one permission, with the reasons: the deciding rule and every rule that
 * was considered, most specific first.
 *
 * @param decidingRule the most specific granting rule for {@link ResultCode#SUCCESS}, the most specific denying rule
 *                     for {@link ResultCode#EXPLICITLY_DENIED}, otherwise {@code null}
 * @param explanation  every rule whose target contains the computer (active or not), and, from
 *                     {@link AuthorizationDecisions#explain}, also the rules naming the user whose target does not
 */
public record Decision(ResultCode result, UUID deviceId, Permission permission, RuleConsideration decidingRule,
                       List<RuleConsideration> explanation) {

    public Decision {
        explanation = List.copyOf(explanation);
    }

    public boolean granted() {
        return result.granted();
    }

    /** The rule the audit names for a granted request. */
    public Optional<RuleConsideration> grantingRule() {
        return result == ResultCode.SUCCESS ? Optional.of(decidingRule) : Optional.empty();
    }

    public Optional<RuleConsideration> denyingRule() {
        return result == ResultCode.EXPLICITLY_DENIED ? Optional.of(decidingRule) : Optional.empty();
    }
}
