package org.ams.access;

import org.ams.authz.ResultCode;
import org.ams.protocol.RecoveryPassword;

/**
 * What a self-service read came to. A refusal carries only its sentence; a granted read the one key's recovery
 * password and where it belongs, so the user can check it against their recovery screen.
 * {@link RecoveryPassword#toString()} never shows the digits, so neither does this record's.
 *
 * @param message         for a refusal, what the user reads (never which other device has the key)
 * @param password        {@code null} unless granted
 * @param auditSequence   the audit record's number, the user's reference when they call the helpdesk
 * @param rotationAsked   whether the device was asked to replace the password at its next check-in
 */
public record SelfServiceOutcome(ResultCode result, String message, String computerName, String mountPoint,
                                 String keyId, String protectorId, RecoveryPassword password, long auditSequence,
                                 boolean rotationAsked) {

    public boolean granted() {
        return result.granted();
    }
}
