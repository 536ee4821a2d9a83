package org.ams.authz;

import java.util.List;
import java.util.UUID;

/**
 * One rule as a decision saw it: its target and how that relates to the computer, whether it was active, and which of
 * its entries name the user.
 *
 * @param matchingEntries the entries naming the user or one of their groups, in ACL order; empty when none does
 */
public record RuleConsideration(UUID ruleId, String description, RuleTarget target, TargetMatch targetMatch,
                                RuleStatus status, List<EntryMatch> matchingEntries) {

    public RuleConsideration {
        matchingEntries = List.copyOf(matchingEntries);
    }

    /** Whether this rule took part in the decision: active and about the computer. */
    public boolean applied() {
        return status.active() && targetMatch.contains();
    }

    boolean grants() {
        return applied() && matchingEntries.stream().anyMatch(m -> m.coversPermission()
                && m.entry().access() == Access.ALLOW);
    }

    boolean denies() {
        return applied() && matchingEntries.stream().anyMatch(m -> m.coversPermission()
                && m.entry().access() == Access.DENY);
    }
}
