package org.ams.notify;

/**
 * A notification could not be delivered. Checked, so that a caller that must deny an access request when a
 * fail-closed channel fails cannot forget to. The message says which channel and why, in words safe to show and log:
 * never a password, a header value or a webhook URL's path.
 */
public class DeliveryFailedException extends Exception {

    public DeliveryFailedException(String message) {
        super(message);
    }
}
