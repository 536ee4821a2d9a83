package org.ams.agent.users;

/** The device's users could not be read; the check-in goes ahead without them. */
public class UsersReadException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsersReadException(String message, Throwable cause) {
        super(message, cause);
    }

    public UsersReadException(String message) {
        super(message);
    }
}
