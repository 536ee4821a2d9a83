package org.ams.protocol;

/**
 * Text that is not a BitLocker key protector id (a GUID such as {@code {1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}}).
 *
 * <p>The message does not echo the rejected text: it usually arrives from an agent or a form, and echoing untrusted
 * input into log lines invites log forging.
 */
public class InvalidProtectorIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidProtectorIdException(String message) {
        super(message);
    }
}
