package org.ams.authz;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A rule as the rules page lists it, with its target's name resolved and a flag for a target that was deleted
 * (such a rule applies to nothing until it is pointed elsewhere or deleted).
 *
 * @param targetName the tenant, directory, group or computer name; for a deleted target, the last name known or the id
 * @param version    what an edit sends back, so a change made meanwhile by someone else is detected
 */
public record RuleOverview(UUID id, RuleTarget target, String targetName, boolean targetDeleted, String description,
                           boolean enabled, OffsetDateTime expiresAt, List<AccessControlEntry> acl,
                           OffsetDateTime createdAt, OffsetDateTime changedAt, long version) {

    public RuleOverview {
        acl = List.copyOf(acl);
    }

    public RuleStatus status(OffsetDateTime now) {
        if (!enabled) {
            return RuleStatus.DISABLED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return RuleStatus.EXPIRED;
        }
        return targetDeleted ? RuleStatus.TARGET_DELETED : RuleStatus.ACTIVE;
    }

    /** The definition to edit: change what is needed and pass it to {@link AuthorizationRules#update}. */
    public RuleDefinition definition() {
        return new RuleDefinition(target, description, enabled, expiresAt, acl);
    }
}
