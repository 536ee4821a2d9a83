package org.ams.notify;

import jakarta.ejb.ApplicationException;

/** The family of notification failures an administrator can act on; rolls back the surrounding transaction. */
@ApplicationException(rollback = true)
public class NotificationException extends RuntimeException {
    public NotificationException(String message) {
        super(message);
    }
}
