package org.ams.access;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ams.devices.Device;

/**
 * A computer as a helpdesk user picks it: enough to tell two computers of the same name apart (DNS name, the
 * tenant and directory it sits in, when its agent last checked in), nothing about its keys.
 *
 * @param directory "tenant / directory", e.g. {@code Default / AMS}
 * @param lastCheckInAt {@code null} when the agent never checked in
 */
public record ComputerCandidate(UUID deviceId, String name, String dnsName, String directory,
                                OffsetDateTime lastCheckInAt) implements Serializable {

    static ComputerCandidate of(Device device) {
        return new ComputerCandidate(device.getId(), device.getName(), device.getDnsName(),
                device.getDirectory().getTenant().getName() + " / " + device.getDirectory().getName(),
                device.getLastCheckInAt());
    }
}
