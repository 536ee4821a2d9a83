package org.ams.authz;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ams.authz.AuthorizationRuleException.Reason;

/**
 * What an administrator enters for a rule, checked on construction: a description of 1 to {@value #MAX_DESCRIPTION}
 * characters (it appears in audit records when the rule grants access), a non-empty ACL without a principal listed
 * twice for the same access. {@code approval} is {@code null} for a rule whose grants need no approval. Whether the target exists and the expiry is in the future depend on the moment and the
 * database, so {@link AuthorizationRules} checks those.
 */
public record RuleDefinition(RuleTarget target, String description, boolean enabled, OffsetDateTime expiresAt,
                             List<AccessControlEntry> acl, RuleApproval approval) {

    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_ENTRIES = 500;

    public RuleDefinition {
        if (target == null) {
            throw new AuthorizationRuleException(Reason.TARGET_NOT_FOUND,
                    "Choose the tenant, directory, device group or computer the rule applies to.");
        }
        description = description == null ? "" : description.strip();
        if (description.isEmpty()) {
            throw new AuthorizationRuleException(Reason.INVALID_DESCRIPTION,
                    "Describe the rule: the description appears in the audit log whenever it grants access.");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new AuthorizationRuleException(Reason.INVALID_DESCRIPTION,
                    "The description has " + description.length() + " characters; at most " + MAX_DESCRIPTION
                            + " are allowed.");
        }
        if (description.chars().anyMatch(Character::isISOControl)) {
            throw new AuthorizationRuleException(Reason.INVALID_DESCRIPTION,
                    "The description must be a single line without control characters.");
        }
        if (acl == null || acl.isEmpty()) {
            throw new AuthorizationRuleException(Reason.EMPTY_ACL,
                    "Add at least one user or group to the rule's access control list.");
        }
        if (acl.size() > MAX_ENTRIES) {
            throw new AuthorizationRuleException(Reason.TOO_MANY_ENTRIES, "The access control list has "
                    + acl.size() + " entries; at most " + MAX_ENTRIES + " are allowed. Use groups.");
        }
        Set<Object> seen = new HashSet<>();
        for (AccessControlEntry entry : acl) {
            if (entry == null) {
                throw new AuthorizationRuleException(Reason.INVALID_ENTRY, "An ACL entry is empty.");
            }
            if (!seen.add(List.of(PrincipalKey.of(entry.principal()), entry.access()))) {
                throw new AuthorizationRuleException(Reason.DUPLICATE_ENTRY, entry.principal().name()
                        + " is listed twice with " + (entry.access() == Access.ALLOW ? "Allow" : "Deny")
                        + "; put all its permissions in one entry.");
            }
        }
        acl = List.copyOf(acl);
    }

    /** A rule whose grants need no approval. */
    public RuleDefinition(RuleTarget target, String description, boolean enabled, OffsetDateTime expiresAt,
                          List<AccessControlEntry> acl) {
        this(target, description, enabled, expiresAt, acl, null);
    }
}
