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
 */
public record AccessOutcome(ResultCode result, UUID deviceId, String computerName, Permission permission,
                            String ruleDescription, List<RevealedKey> keys, String deniedHelpText,
                            long auditSequence, boolean passwordsHidden) {

    public AccessOutcome {
        keys = List.copyOf(keys);
    }

    public boolean granted() {
        return result.granted();
    }
}
