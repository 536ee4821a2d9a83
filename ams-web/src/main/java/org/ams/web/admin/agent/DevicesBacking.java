package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceState;
import org.ams.escrow.Escrow;

/** Backs {@code admin/agent/devices.xhtml}: the registered devices and the administrator's decisions about them. */
@Named
@ViewScoped
public class DevicesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private DeviceDirectory directory;

    @EJB
    private Escrow escrow;

    private transient List<Device> devices;
    private transient Map<UUID, Long> keyCounts;
    private boolean showDeleted;

    public List<Device> getDevices() {
        if (devices == null) {
            devices = showDeleted ? directory.deletedDevices() : directory.devices();
            keyCounts = escrow.currentKeyCounts();
        }
        return devices;
    }

    public long keyCount(Device device) {
        getDevices();
        return keyCounts.getOrDefault(device.getId(), 0L);
    }

    public String groupNames(Device device) {
        String named = device.getGroups().stream().map(DeviceGroup::getName).sorted()
                .collect(Collectors.joining(", "));
        return named.isEmpty() ? "All devices" : "All devices, " + named;
    }

    public void approve(UUID id) {
        act(id, directory::approve, "approved: it may now escrow recovery passwords");
    }

    public void reject(UUID id) {
        act(id, directory::reject, "rejected");
    }

    public void disable(UUID id) {
        act(id, directory::disable, "disabled: its agent is refused until it is enabled again");
    }

    public void enable(UUID id) {
        act(id, directory::enable, "enabled");
    }

    public void delete(UUID id) {
        act(id, directory::delete, "deleted. Its escrowed recovery passwords are kept; see deleted devices to "
                + "purge them");
    }

    public void purge(UUID id) {
        try {
            Device device = directory.get(id);
            int purged = escrow.purge(id);
            devices = null;
            PageMessages.info(purged + " escrowed recovery password(s) of " + device.getName()
                    + " were destroyed.");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public boolean isPending(Device device) {
        return device.getState() == DeviceState.PENDING;
    }

    private void act(UUID id, Function<UUID, Device> action, String outcome) {
        try {
            Device device = action.apply(id);
            devices = null;
            PageMessages.info("Device " + device.getName() + " was " + outcome + ".");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public boolean isShowDeleted() {
        return showDeleted;
    }

    public void setShowDeleted(boolean showDeleted) {
        this.showDeleted = showDeleted;
        this.devices = null;
    }
}
