package org.ams.notify;

/** Channel settings that cannot work; the message says which field to change. Nothing is saved. */
public class InvalidChannelException extends NotificationException {
    public InvalidChannelException(String message) {
        super(message);
    }
}
