package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceListFilter;
import org.ams.devices.DeviceState;
import org.ams.escrow.Escrow;
import org.ams.escrow.RotationException;
import org.ams.escrow.Rotations;
import org.ams.web.PageMessages;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code admin/agent/devices.xhtml}: the registered devices and the administrator's decisions about them. The
 * list is read from the database a table page at a time (tens of thousands of devices are normal), filtered by name
 * and sorted there; the groups and key counts shown are read for that page's devices only. Rotate now asks an
 * approved device to replace its recovery passwords; the keys dialog and the incident response section have backing
 * beans of their own.
 */
@Named
@ViewScoped
public class DevicesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private DeviceDirectory directory;

    @EJB
    private Escrow escrow;

    @EJB
    private Rotations rotations;

    private final LazyDataModel<Device> devices = new Devices();
    /** Of the devices on the page last loaded. */
    private transient Map<UUID, Long> keyCounts;
    private transient Map<UUID, List<String>> groupNames;
    private boolean showDeleted;

    public LazyDataModel<Device> getDevices() {
        return devices;
    }

    public long keyCount(Device device) {
        return keyCounts == null ? 0 : keyCounts.getOrDefault(device.getId(), 0L);
    }

    public String groupNames(Device device) {
        List<String> named = groupNames == null ? List.of() : groupNames.getOrDefault(device.getId(), List.of());
        return named.isEmpty() ? "All devices" : "All devices, " + String.join(", ", named);
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
            PageMessages.info(purged + " escrowed recovery password(s) of " + device.getName()
                    + " were destroyed.");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    /** Rotate now: every current recovery password of the device, replaced at its next check-in. */
    public void rotate(UUID id) {
        try {
            String name = directory.get(id).getName();
            int requested = rotations.rotateDevice(id);
            PageMessages.info(requested == 0
                    ? "Every current recovery password of " + name + " is already being replaced, or it has none: "
                    + "nothing more was requested."
                    : "Rotation requested: " + requested + " recovery password(s) of " + name + " will be replaced "
                    + "at its next check-in.");
        } catch (DeviceException | RotationException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public boolean isPending(Device device) {
        return device.getState() == DeviceState.PENDING;
    }

    private void act(UUID id, Function<UUID, Device> action, String outcome) {
        try {
            Device device = action.apply(id);
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
    }

    /** The devices, a table page at a time, with the name filter and the sort column the table sends. */
    private final class Devices extends DeviceTable {

        private static final long serialVersionUID = 1L;

        @Override
        protected DeviceDirectory directory() {
            return directory;
        }

        @Override
        protected DeviceListFilter filter(String nameContains, DeviceListFilter.Order order, boolean descending) {
            return new DeviceListFilter(showDeleted, nameContains, order, descending);
        }

        @Override
        protected void loaded(List<Device> page) {
            List<UUID> ids = page.stream().map(Device::getId).toList();
            keyCounts = escrow.currentKeyCounts(ids);
            groupNames = directory.groupNames(ids);
        }
    }
}
