package org.ams.protocol;

import java.util.OptionalInt;

/**
 * Text that is not a well-formed BitLocker recovery password.
 *
 * <p>The message tells a person what to fix (which group, and why) but never repeats any of the digits: the text
 * may be a real recovery password with one typo, and exception messages end up in logs.
 */
public class InvalidRecoveryPasswordException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the text, so a user interface can phrase its own message. */
    public enum Reason {
        /** Nothing but whitespace was given. */
        EMPTY,
        /** Far longer than any recovery password; not inspected further. */
        TOO_LONG,
        /** Not eight groups separated by dashes or spaces. */
        WRONG_GROUP_COUNT,
        /** Two groups are separated by more than one dash. */
        BAD_SEPARATOR,
        /** A group contains something other than the digits 0-9. */
        NOT_A_DIGIT,
        /** A group does not have exactly six digits. */
        WRONG_GROUP_LENGTH,
        /** A group is not divisible by 11: BitLocker's own typo check fails. */
        CHECKSUM_MISMATCH,
        /** A group is divisible by 11 but encodes a value that does not fit in 16 bits. */
        GROUP_OUT_OF_RANGE,
        /** Key bytes of the wrong length were given. */
        WRONG_KEY_LENGTH
    }

    /** Why the text was rejected. */
    private final Reason reason;
    /** The 1-based group at fault, or 0 when no single group is. */
    private final int group;

    InvalidRecoveryPasswordException(Reason reason, String message) {
        this(reason, 0, message);
    }

    InvalidRecoveryPasswordException(Reason reason, int group, String message) {
        super(message);
        this.reason = reason;
        this.group = group;
    }

    /** @return why the text was rejected */
    public Reason reason() {
        return reason;
    }

    /** @return the 1-based number of the offending group, when a single group is at fault */
    public OptionalInt group() {
        return group == 0 ? OptionalInt.empty() : OptionalInt.of(group);
    }
}
