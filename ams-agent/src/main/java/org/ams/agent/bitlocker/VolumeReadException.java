package org.ams.agent.bitlocker;

/** The volumes could not be read; the message says why and never contains a recovery password. */
public class VolumeReadException extends Exception {

    public VolumeReadException(String message) {
        super(message);
    }

    public VolumeReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
