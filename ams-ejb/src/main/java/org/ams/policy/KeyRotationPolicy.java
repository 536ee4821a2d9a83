package org.ams.policy;

/**
 * What an agent policy says about replacing recovery passwords: whether a password shown to someone is replaced at
 * the device's next check-in, and whether passwords older than a number of days are replaced too. Decided on the
 * server at check-in; the agent only learns which protectors to replace.
 *
 * @param rotateDisclosed     replace a recovery password once an access request has shown it
 * @param rotateAfterDays     replace a recovery password escrowed this many days ago or earlier; {@code null} for never
 */
public record KeyRotationPolicy(boolean rotateDisclosed, Integer rotateAfterDays) {

    /** The least and most days the age rule accepts: a day, and ten years. */
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    /** As shipped in the default policy and given to a new policy: disclosed passwords replaced, no age rule. */
    public static final KeyRotationPolicy SHIPPED = new KeyRotationPolicy(true, null);
}
