package org.ams.identity;

/** An identity source could not be asked (down, slow, refused AMS's account); the message says what to check. */
public class IdentitySourceUnavailableException extends IdentityException {
    public IdentitySourceUnavailableException(String message) {
        super(message);
    }
}
