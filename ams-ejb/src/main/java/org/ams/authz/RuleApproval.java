package org.ams.authz;

import java.util.Locale;
import org.ams.authz.AuthorizationRuleException.Reason;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.AuthenticatedUser;

/**
 * A rule's approval setting: each request for recovery passwords the rule grants waits until {@code required}
 * members of {@code approvers} (a user, a local group or a directory group) other than the requester have approved
 * it; then the requester may read the passwords for {@code windowMinutes}, once or as often as they like. The
 * requester never approves their own request, whatever group they are in. Checked on construction.
 *
 * @param approvers     who may approve, matched by source and stable id like an ACL entry
 * @param required      how many different approvers must approve (1 to {@value #MAX_REQUIRED}; 1 for a single user)
 * @param windowMinutes how long after the last approval the requester may read (1 to {@value #MAX_WINDOW_MINUTES})
 * @param singleRead    whether the approval is used up by the first read
 */
public record RuleApproval(PrincipalRef approvers, int required, int windowMinutes, boolean singleRead) {

    public static final int MAX_REQUIRED = 10;
    /** A week. */
    public static final int MAX_WINDOW_MINUTES = 10_080;

    public RuleApproval {
        if (approvers == null) {
            throw new AuthorizationRuleException(Reason.INVALID_APPROVAL,
                    "Choose the user or group whose members approve requests under this rule.");
        }
        if (required < 1 || required > MAX_REQUIRED) {
            throw new AuthorizationRuleException(Reason.INVALID_APPROVAL, "A request needs between 1 and "
                    + MAX_REQUIRED + " approvals; " + required + " is not.");
        }
        if (approvers.kind() == PrincipalKind.USER && required > 1) {
            throw new AuthorizationRuleException(Reason.INVALID_APPROVAL, "A single user gives one approval; choose "
                    + "a group whose members approve, or require one approval.");
        }
        if (windowMinutes < 1 || windowMinutes > MAX_WINDOW_MINUTES) {
            throw new AuthorizationRuleException(Reason.INVALID_APPROVAL, "An approved request may be read for "
                    + "between 1 and " + MAX_WINDOW_MINUTES + " minutes (a week); " + windowMinutes + " is not.");
        }
        if (approvers.source().isBlank() || approvers.source().length() > AccessControlEntry.MAX_SOURCE
                || approvers.id().isBlank() || approvers.id().length() > AccessControlEntry.MAX_ID) {
            throw new AuthorizationRuleException(Reason.INVALID_APPROVAL, "The identity source or id of "
                    + approvers.name() + " is not valid; pick the approvers again.");
        }
        if (approvers.name().length() > AccessControlEntry.MAX_NAME) {
            approvers = new PrincipalRef(approvers.kind(), approvers.source(), approvers.id(),
                    approvers.name().substring(0, AccessControlEntry.MAX_NAME));
        }
    }

    /**
     * Whether the signed-in user is one of the approvers: the approving user, or a member of the approving group. It
     * is the very match an ACL entry makes ({@link UserIdentity}: kind, source and stable id against the user and
     * every group their sign-in resolved), so any principal an ACL entry can name, from any identity source, can
     * approve; a name never decides.
     */
    public boolean approvedBy(AuthenticatedUser user) {
        return UserIdentity.of(user).find(PrincipalKey.of(approvers)) != null;
    }

    /** For pages and audit records: "2 approvals by group Security officers (local), 60 minutes, one read". */
    public String describe() {
        return required + (required == 1 ? " approval" : " approvals") + " by "
                + approvers.kind().name().toLowerCase(Locale.ROOT) + " " + approvers.name() + " ("
                + approvers.source() + "), readable for " + windowMinutes + " minute(s), "
                + (singleRead ? "one read" : "unlimited reads");
    }
}
