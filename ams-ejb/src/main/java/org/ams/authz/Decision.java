package org.ams.authz;

import java.util.List;
import java.util.Locale;
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

    /**
     * The decision in one sentence a helpdesk lead can repeat on the phone, as the Effective access page and the
     * REST API say it.
     *
     * @param who the user's name
     */
    public String verdict(String who) {
        String what = permission.label().toLowerCase(Locale.ROOT);
        return switch (result) {
            case SUCCESS -> "Granted: " + who + " may " + what + " of this computer, through the rule \""
                    + decidingRule.description() + "\".";
            case EXPLICITLY_DENIED -> "Denied: the rule \"" + decidingRule.description() + "\" denies " + who
                    + " this permission, and a Deny always wins.";
            case NO_MATCHING_RULE_FOR_TARGET ->
                    "Denied: no enabled rule applies to this computer (its tenant, directory, groups or itself).";
            default -> "Denied: rules apply to this computer, but none of them gives " + who + " or their groups "
                    + "this permission.";
        };
    }
}
