package org.ams.devices;

/** What an agent reported about its device is unusable. */
public class InvalidDeviceFactsException extends DeviceException {
    public InvalidDeviceFactsException(String message) {
        super(message);
    }
}
