package org.ams.identity.signin;

import org.ams.identity.IdentityException;

/**
 * A service that decides by the caller's identity was called by someone who did not sign in through AMS's identity
 * sources, or whose local account has been disabled or deleted since. Nothing was done.
 */
public class NotSignedInException extends IdentityException {

    private static final long serialVersionUID = 1L;

    public NotSignedInException(String message) {
        super(message);
    }
}
