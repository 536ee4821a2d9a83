package org.ams.protocol;

/**
 * Text that is not a volume GUID path such as {@code \\?\Volume{3f2a1b4c-0d5e-4f60-8a71-92b3c4d5e6f7}\}.
 *
 * <p>The message does not echo the rejected text: it arrives from an agent, and echoing untrusted input into log
 * lines or answers invites log forging.
 */
public class InvalidVolumeIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidVolumeIdException(String message) {
        super(message);
    }
}
