package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.web.PageMessages;

/**
 * Backs the users dialog of {@code admin/agent/devices.xhtml}: who the agent last reported signed in on one computer,
 * and its primary user, which the administrator sets. Both are the computer's recorded users for self-service
 * recovery.
 */
@Named
@ViewScoped
public class DeviceUsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private DeviceDirectory directory;

    private UUID deviceId;
    private String deviceName;
    private String primaryUser;
    private List<String> signedIn = List.of();

    /** Reads the computer's users for the dialog. */
    public void open(UUID id) {
        deviceId = id;
        try {
            load(directory.get(id));
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void save() {
        try {
            Device device = directory.setPrimaryUser(deviceId, primaryUser);
            load(device);
            PageMessages.info(device.getPrimaryUser() == null ? device.getName() + " has no primary user now."
                    : device.getPrimaryUser() + " is the primary user of " + device.getName() + ".");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    private void load(Device device) {
        deviceName = device.getName();
        primaryUser = device.getPrimaryUser();
        signedIn = device.getSignedInUsers();
    }

    public String getDeviceName() {
        return deviceName;
    }

    public String getPrimaryUser() {
        return primaryUser;
    }

    public void setPrimaryUser(String primaryUser) {
        this.primaryUser = primaryUser;
    }

    /** As the agent last reported them, most recent first; empty before an agent that reports them checked in. */
    public List<String> getSignedIn() {
        return signedIn;
    }
}
