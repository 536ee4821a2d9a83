package org.ams.authz;

/**
 * The outcome of an access request. The rule evaluation produces the first four; the access-request layer adds the
 * rate-limit and reason outcomes, which it decides before the rules are asked, {@link #NOT_VISIBLE_TO_USER} for
 * searches that found only computers the user may not see, and {@link #NOTIFICATION_FAILED} for a grant a fail-closed
 * notification channel refused, and {@link #APPROVAL_PENDING} for a grant that waits for approval. Self-service
 * recovery adds its own refusals before the rules, of which only an explicit Deny counts for it
 * ({@link #EXPLICITLY_DENIED}).
 */
public enum ResultCode {
    /** A matching Allow entry in an applicable rule, and no matching Deny. */
    SUCCESS,
    /** No enabled, unexpired rule targets the computer (its tenant, directory, groups or itself). */
    NO_MATCHING_RULE_FOR_TARGET,
    /** Rules target the computer, but none of their entries allows this permission to the user or their groups. */
    NO_MATCHING_RULE_FOR_USER,
    /** A Deny entry for the user or one of their groups covers this permission in an applicable rule. */
    EXPLICITLY_DENIED,
    USER_RATE_LIMIT_EXCEEDED,
    IP_RATE_LIMIT_EXCEEDED,
    REASON_REQUIRED,
    /**
     * A search by computer name or by recovery key ID found computers, but no rule lets the user see any of them
     * (neither their key metadata nor their recovery passwords). The user is told no more than for a search that
     * found nothing; the audit log and the notifications record the probe.
     */
    NOT_VISIBLE_TO_USER,
    /**
     * The rules granted the request, but a notification channel set to deny the request when its delivery fails could
     * not be reached: nothing was shown, and the refusal is recorded and counted like any denial.
     */
    NOTIFICATION_FAILED,
    /** Self-service: no current recovery key of any device has this key ID. */
    KEY_ID_NOT_FOUND,
    /**
     * Self-service: the key ID is on devices the user is not a recorded user of (neither reported as signed in by the
     * agent nor their primary user). The user is told no more than for a key ID nobody has.
     */
    NOT_A_USER_OF_THE_DEVICE,
    /** Self-service: the key ID's first characters match keys of several of the user's devices; more are needed. */
    KEY_ID_AMBIGUOUS,
    /** Self-service: none of the device's groups (its tenant's All devices included) has self-service turned on. */
    SELF_SERVICE_OFF,
    /**
     * The rules granted the request, but the granting rule requires approval before recovery passwords are shown:
     * an approval request waits for its approvers (or an earlier one still does), and nothing was shown.
     */
    APPROVAL_PENDING;

    public boolean granted() {
        return this == SUCCESS;
    }

    /**
     * The code as administrators meet it in notifications and the documentation: {@code Success},
     * {@code NoMatchingRuleForUser}, {@code UserRateLimitExceeded} and so on.
     */
    public String code() {
        StringBuilder code = new StringBuilder();
        for (String word : name().split("_")) {
            code.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return code.toString();
    }
}
