package org.ams.devices;

import jakarta.ejb.ApplicationException;

/** The family of device-directory refusals; each message says what to do and rolls the transaction back. */
@ApplicationException(rollback = true)
public class DeviceException extends RuntimeException {
    public DeviceException(String message) {
        super(message);
    }
}
