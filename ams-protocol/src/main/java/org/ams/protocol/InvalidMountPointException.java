package org.ams.protocol;

/**
 * Text that is not a mount point (a drive letter such as {@code C:} or a folder path such as {@code C:\Mounts\Data}).
 *
 * <p>The message does not echo the rejected text: it arrives from an agent, and echoing untrusted input into log
 * lines or answers invites log forging.
 */
public class InvalidMountPointException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidMountPointException(String message) {
        super(message);
    }
}
