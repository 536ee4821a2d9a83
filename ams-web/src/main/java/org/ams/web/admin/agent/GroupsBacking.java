package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Tenant;

/** Backs {@code admin/agent/groups.xhtml}: device groups and their static members. */
@Named
@ViewScoped
public class GroupsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

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

    public void select(UUID id) {
        selectedGroupId = id;
        deviceToAdd = null;
    }

    public DeviceGroup getSelectedGroup() {
        return selectedGroupId == null ? null : getGroups().stream()
                .filter(group -> group.getId().equals(selectedGroupId)).findFirst().orElse(null);
    }

    public List<Device> getMembers() {
        return selectedGroupId == null ? List.of() : directory.members(selectedGroupId);
    }

    /** Devices that could join the selected group: listed devices not in it yet. */
    public List<Device> getCandidates() {
        if (selectedGroupId == null) {
            return List.of();
        }
        List<UUID> members = getMembers().stream().map(Device::getId).collect(Collectors.toList());
        return directory.devices().stream().filter(device -> !members.contains(device.getId()))
                .collect(Collectors.toList());
    }

    public void addMember() {
        if (deviceToAdd == null || deviceToAdd.isBlank()) {
            PageMessages.error("Choose a device to add.");
            return;
        }
        try {
            directory.addMember(selectedGroupId, UUID.fromString(deviceToAdd));
            deviceToAdd = null;
            refresh();
        } catch (DeviceException | IllegalArgumentException e) {
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
}
