package org.ams.web.helpdesk;

import org.ams.authz.ResultCode;

/**
 * What a helpdesk user reads when a request or a key ID lookup is denied: the result code in plain words (and the
 * self-service refusals, which only the audit log's readers meet in these words).
 */
public final class AccessResultText {

    private AccessResultText() {
    }

    public static String sentence(ResultCode result) {
        return switch (result) {
            case SUCCESS -> "Access was granted.";
            case NO_MATCHING_RULE_FOR_TARGET -> "Access denied: no authorization rule covers this computer.";
            case NO_MATCHING_RULE_FOR_USER -> "Access denied: the rules for this computer do not give you (or a "
                    + "group you belong to) permission to read its recovery passwords.";
            case EXPLICITLY_DENIED -> "Access denied: an authorization rule explicitly denies you access to this "
                    + "computer's recovery passwords.";
            case USER_RATE_LIMIT_EXCEEDED -> "Access denied: you have made too many requests recently. Wait a while "
                    + "before you try again.";
            case IP_RATE_LIMIT_EXCEEDED -> "Access denied: too many requests came from your network address "
                    + "recently. Wait a while before you try again.";
            case REASON_REQUIRED -> "Access denied: a reason is required. Say why you need access, then ask again.";
            case NOT_VISIBLE_TO_USER -> "Access denied: no computer you may see matches what you searched for.";
            case NOTIFICATION_FAILED -> "Access denied: a notification that must go out before recovery passwords "
                    + "are shown could not be delivered, so nothing is shown. Try again later, or tell an administrator.";
            // Self-service reads' refusals, as the audit log and the dashboard name them.
            case KEY_ID_NOT_FOUND -> "Self-service denied: no current recovery key has this key ID.";
            case NOT_A_USER_OF_THE_DEVICE -> "Self-service denied: the user is not a recorded user of the device "
                    + "with this key ID.";
            case KEY_ID_AMBIGUOUS -> "Self-service denied: the key ID matches keys of several of the user's devices.";
            case SELF_SERVICE_OFF -> "Self-service denied: self-service recovery is not turned on for the device.";
            case APPROVAL_PENDING -> "Waiting for approval: the rule that grants you this computer's recovery "
                    + "passwords requires approval first. Its approvers have been told; come back once it is approved.";
        };
    }
}
