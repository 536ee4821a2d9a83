package org.ams.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A set of devices of one tenant. Static membership is stored in {@code device_group_member}; the built-in
 * "All devices" group of a tenant contains every device of the tenant without storing anything.
 */
@Entity
@Table(name = "device_group")
@NamedQuery(name = DeviceGroup.ALL, query = "SELECT g FROM DeviceGroup g ORDER BY g.tenant.builtIn DESC, g.tenant.name, "
        + "g.allDevices DESC, g.name")
public class DeviceGroup {

    static final String ALL = "DeviceGroup.all";
    public static final UUID ALL_DEVICES = UUID.fromString("00000000-0000-4000-8000-000000000003");
    public static final int MAX_NAME = 128;

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(name = "all_devices", nullable = false)
    private boolean allDevices;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** Whether a device's own users may read its recovery passwords by key ID (off unless turned on). */
    @Column(name = "self_service_recovery", nullable = false)
    private boolean selfServiceRecovery;

    @Version
    private long version;

    protected DeviceGroup() {
    }

    /** The built-in group of a new tenant that holds all its devices without storing them. */
    static DeviceGroup allDevicesOf(Tenant tenant) {
        DeviceGroup group = new DeviceGroup(tenant, "All devices", "Every device of the tenant");
        group.allDevices = true;
        return group;
    }

    DeviceGroup(Tenant tenant, String name, String description) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name;
        this.description = description;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Which of the devices called by the name an administrator typed is meant to join this group. Names repeat: the
     * same name in two tenants, or a computer that registered again. The one of this group's tenant that is not in
     * the group yet is meant; when there is none, one whose refusal says why (of another tenant, or already in it).
     *
     * @param named the devices in use with that name, at least one
     * @throws DeviceException when several devices of the tenant could be meant
     */
    Device meantAmong(List<Device> named) {
        List<Device> ofTenant = named.stream()
                .filter(device -> device.getDirectory().getTenant().getId().equals(tenant.getId())).toList();
        if (ofTenant.isEmpty()) {
            return named.get(0);
        }
        List<Device> outside = ofTenant.stream().filter(device -> !device.getGroups().contains(this)).toList();
        if (outside.size() > 1) {
            throw new DeviceException(outside.size() + " devices of tenant " + tenant.getName() + " are called "
                    + outside.get(0).getName() + ". Delete the ones no longer in use on the Devices page, then add "
                    + "the device again.");
        }
        return outside.isEmpty() ? ofTenant.get(0) : outside.get(0);
    }

    public UUID getId() {
        return id;
    }

    public Tenant getTenant() {
        return tenant;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isAllDevices() {
        return allDevices;
    }

    public boolean isSelfServiceRecovery() {
        return selfServiceRecovery;
    }

    void setSelfServiceRecovery(boolean selfServiceRecovery) {
        this.selfServiceRecovery = selfServiceRecovery;
    }
}
