package org.ams.access;

import java.util.List;
import java.util.UUID;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;

/**
 * What one access request came to: the result, the rule that decided it (its description, as the audit log names
 * it), and for a granted request the computer's keys (with passwords for a password request). A denied request
 * carries no keys at all, and the administrator's help text for denials.
 *
 * @param auditSequence   the audit record's sequence number: the request's reference for the helpdesk and auditors
 * @param passwordsHidden whether the page hides each password until the user clicks Show on it, which
 *                        {@link AccessRequests#recordReveal} records
 * @param approval        for {@link ResultCode#APPROVAL_PENDING}, the request waiting for approval; for a grant under
 *                        an approval, the approval it was read under; otherwise {@code null}
 */
public record AccessOutcome(ResultCode result, UUID deviceId, String computerName, Permission permission,
                            String ruleDescription, List<RevealedKey> keys, String deniedHelpText,
                            long auditSequence, boolean passwordsHidden, ApprovalView approval) {

    public AccessOutcome {
        keys = List.copyOf(keys);
    }

    public AccessOutcome(ResultCode result, UUID deviceId, String computerName, Permission permission,
                         String ruleDescription, List<RevealedKey> keys, String deniedHelpText,
                         long auditSequence, boolean passwordsHidden) {
        this(result, deviceId, computerName, permission, ruleDescription, keys, deniedHelpText, auditSequence,
                passwordsHidden, null);
    }

    /** Whether the request waits for approval: nothing is shown until approvers approve it. */
    public boolean awaitingApproval() {
        return result == ResultCode.APPROVAL_PENDING;
    }

    public boolean granted() {
        return result.granted();
    }
}
