package org.ams.authz;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.ams.identity.PrincipalStatus;

/**
 * A rule as the rules page lists it, with its target's name resolved and a flag for a target that was deleted
 * (such a rule applies to nothing until it is pointed elsewhere or deleted), whether each ACL entry's user or group
 * still exists, and the notification channels it fires.
 *
 * @param targetName       the tenant, directory, group or computer name; for a deleted target, the last name known or
 *                         the id
 * @param principals       for each entry of {@code acl}, in order: whether its user or group still exists (an entry
 *                         for one that does not matches nobody until it is removed)
 * @param successChannels  the channels told when the rule grants a request
 * @param failureChannels  the channels told when it denies one
 * @param approval         what approval the rule's grants of recovery passwords need; {@code null} for none
 * @param version          what an edit sends back, so a change made meanwhile by someone else is detected
 */
public record RuleOverview(UUID id, RuleTarget target, String targetName, boolean targetDeleted, String description,
                           boolean enabled, OffsetDateTime expiresAt, List<AccessControlEntry> acl,
                           List<PrincipalStatus> principals, List<UUID> successChannels, List<UUID> failureChannels,
                           RuleApproval approval, OffsetDateTime createdAt, OffsetDateTime changedAt, long version) {

    public RuleOverview {
        acl = List.copyOf(acl);
        principals = List.copyOf(principals);
        if (principals.size() != acl.size()) {
            throw new IllegalArgumentException("one principal status per ACL entry");
        }
        successChannels = List.copyOf(successChannels);
        failureChannels = List.copyOf(failureChannels);
    }

    /** Whether the user or group of the ACL entry at {@code index} still exists. */
    public PrincipalStatus principalStatus(int index) {
        return principals.get(index);
    }

    /** Whether some entry names a user or group that no longer exists: the rule must be edited to be saved again. */
    public boolean namesMissingPrincipals() {
        return principals.contains(PrincipalStatus.NO_LONGER_EXISTS);
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
        return new RuleDefinition(target, description, enabled, expiresAt, acl, approval);
    }
}
