package org.ams.devices;

/** No device with that id. */
public class DeviceNotFoundException extends DeviceException {
    public DeviceNotFoundException(String message) {
        super(message);
    }
}
