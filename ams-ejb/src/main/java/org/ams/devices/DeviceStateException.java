package org.ams.devices;

/** A state change the device's current state does not allow. */
public class DeviceStateException extends DeviceException {
    public DeviceStateException(String message) {
        super(message);
    }
}
