package org.ams.identity.local;

import org.ams.identity.IdentityException;

/** What a local account's password must satisfy; the reasons are shown to the person choosing it. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** Bounded so that a megabyte "password" cannot make the slow hash a denial-of-service lever. */
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    public static void check(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new InvalidPasswordException("A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.length > MAX_LENGTH) {
            throw new InvalidPasswordException("A password may have at most " + MAX_LENGTH + " characters.");
        }
        boolean blank = true;
        for (char c : password) {
            blank &= Character.isWhitespace(c);
        }
        if (blank) {
            throw new InvalidPasswordException("A password cannot be only spaces.");
        }
    }

    /** A password that does not meet the policy; the message says what to change and never echoes the password. */
    public static class InvalidPasswordException extends IdentityException {
        public InvalidPasswordException(String message) {
            super(message);
        }
    }
}
