package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceListFilter;
import org.ams.devices.Tenant;
import org.ams.web.PageMessages;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code admin/agent/groups.xhtml}: device groups and their static members. A group may hold thousands of
 * devices, and its tenant tens of thousands: the members are read from the database a table page at a time, and the
 * device to add is looked up by name as it is typed, never listed in full.
 */
@Named
@ViewScoped
public class GroupsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many devices the device field suggests: enough to pick from, few enough to read. */
    private static final int SUGGESTIONS = 20;

    @EJB
    private DeviceDirectory directory;

    private String name;
    private String description;
    private String tenantId = Tenant.DEFAULT.toString();
    private String tenantName;
    private UUID selectedGroupId;
    private String deviceToAdd;

    private transient List<DeviceGroup> groups;
    private transient Map<UUID, Long> counts;
    private final LazyDataModel<Device> members = new Members();

    public List<DeviceGroup> getGroups() {
        if (groups == null) {
            groups = directory.groups();
            counts = directory.memberCounts();
        }
        return groups;
    }

    public long memberCount(DeviceGroup group) {
        getGroups();
        return counts.getOrDefault(group.getId(), 0L);
    }

    public void create() {
        try {
            DeviceGroup group = directory.createGroup(UUID.fromString(tenantId), name, description);
            name = null;
            description = null;
            refresh();
            PageMessages.info("Device group " + group.getName() + " was created.");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public List<Tenant> getTenants() {
        return directory.tenants();
    }

    public void createTenant() {
        try {
            Tenant tenant = directory.createTenant(tenantName);
            tenantName = null;
            refresh();
            PageMessages.info("Tenant " + tenant.getName() + " was created with its own AMS directory and "
                    + "\"All devices\" group. Registration keys of this tenant register devices into it.");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void delete(UUID id) {
        try {
            directory.deleteGroup(id);
            if (id.equals(selectedGroupId)) {
                selectedGroupId = null;
            }
            refresh();
            PageMessages.info("The device group was deleted; its devices are unchanged.");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    /** Turns self-service recovery on or off for a group; a tenant's All devices group: for the whole tenant. */
    public void setSelfService(UUID id, boolean on) {
        try {
            DeviceGroup group = directory.setSelfServiceRecovery(id, on);
            refresh();
            PageMessages.info("Self-service recovery is " + (on ? "on" : "off") + " for " + group.getTenant().getName()
                    + " / " + group.getName() + ".");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void select(UUID id) {
        selectedGroupId = id;
        deviceToAdd = null;
        // The table keeps its page, filter and sort in the view; another group's members start from the top.
        UIComponent table = FacesContext.getCurrentInstance().getViewRoot().findComponent(":members:table");
        if (table instanceof DataTable) {
            ((DataTable) table).reset();
        }
    }

    public DeviceGroup getSelectedGroup() {
        return selectedGroupId == null ? null : getGroups().stream()
                .filter(group -> group.getId().equals(selectedGroupId)).findFirst().orElse(null);
    }

    public LazyDataModel<Device> getMembers() {
        return members;
    }

    /** Names of devices that could join the selected group, for the device field. */
    public List<String> completeDevice(String typed) {
        if (selectedGroupId == null) {
            return List.of();
        }
        try {
            return directory.joinable(selectedGroupId, typed, SUGGESTIONS).stream().map(Device::getName).distinct()
                    .toList();
        } catch (DeviceException e) {
            // The group was deleted meanwhile: nothing to suggest, and adding will say so.
            return List.of();
        }
    }

    public void addMember() {
        if (deviceToAdd == null || deviceToAdd.isBlank()) {
            PageMessages.error("Type part of a device name and pick the device to add.");
            return;
        }
        try {
            Device device = directory.addMember(selectedGroupId, deviceToAdd);
            deviceToAdd = null;
            refresh();
            PageMessages.info(device.getName() + " was added to " + getSelectedGroup().getName() + ".");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void removeMember(UUID deviceId) {
        try {
            directory.removeMember(selectedGroupId, deviceId);
            refresh();
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    private void refresh() {
        groups = null;
        counts = null;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getTenantName() {
        return tenantName;
    }

    public void setTenantName(String tenantName) {
        this.tenantName = tenantName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getDeviceToAdd() {
        return deviceToAdd;
    }

    public void setDeviceToAdd(String deviceToAdd) {
        this.deviceToAdd = deviceToAdd;
    }

    /** The selected group's members, a table page at a time, with the name filter and sort column the table sends. */
    private final class Members extends DeviceTable {

        private static final long serialVersionUID = 1L;

        @Override
        protected DeviceDirectory directory() {
            return directory;
        }

        @Override
        protected DeviceListFilter filter(String nameContains, DeviceListFilter.Order order, boolean descending) {
            return DeviceListFilter.membersOf(selectedGroupId, nameContains, order, descending);
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return selectedGroupId == null ? 0 : super.count(filterBy);
        }

        @Override
        public List<Device> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                 Map<String, FilterMeta> filterBy) {
            return selectedGroupId == null ? List.of() : super.load(first, pageSize, sortBy, filterBy);
        }
    }
}
