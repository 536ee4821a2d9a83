package org.ams.devices;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.ams.audit.AuditTrail;

/** Devices and device groups: listing them and the administrator's decisions about them. */
@Stateless
public class DeviceDirectory {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    public Optional<Device> find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(Device.class, key));
    }

    public Device get(UUID id) {
        return find(id).orElseThrow(() -> new DeviceNotFoundException("There is no device with id " + id + "."));
    }

    public Optional<Device> findByPublicKey(String publicKeySha256) {
        return em.createNamedQuery(Device.BY_PUBLIC_KEY, Device.class).setParameter("hash", publicKeySha256)
                .getResultStream().findFirst();
    }

    /** Every device that is not deleted, by name. */
    public List<Device> devices() {
        return em.createNamedQuery(Device.LISTED, Device.class).getResultList();
    }

    public List<Device> deletedDevices() {
        return em.createQuery("SELECT d FROM Device d WHERE d.state = org.ams.devices.DeviceState.DELETED "
                + "ORDER BY d.nameKey", Device.class).getResultList();
    }

    public List<DeviceGroup> groups() {
        return em.createNamedQuery(DeviceGroup.ALL, DeviceGroup.class).getResultList();
    }

    public DeviceGroup group(UUID id) {
        return Optional.ofNullable(em.find(DeviceGroup.class, id))
                .orElseThrow(() -> new DeviceException("The device group no longer exists."));
    }

    public Directory amsDirectory() {
        return em.find(Directory.class, Directory.AMS);
    }

    public DeviceGroup createGroup(String name, String description) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > DeviceGroup.MAX_NAME) {
            throw new DeviceException("A group name needs 1 to " + DeviceGroup.MAX_NAME + " characters.");
        }
        boolean taken = groups().stream().anyMatch(group -> group.getName().equalsIgnoreCase(trimmed));
        if (taken) {
            throw new DeviceException("A device group named '" + trimmed + "' already exists.");
        }
        DeviceGroup group = new DeviceGroup(em.find(Tenant.class, Tenant.DEFAULT), trimmed,
                description == null || description.isBlank() ? null : description.strip());
        em.persist(group);
        audit.record("device-group.created", "DeviceGroup", group.getId().toString(), group.getName(), null);
        return group;
    }

    /** A device that just registered through the agent. */
    public Device add(Device device) {
        em.persist(device);
        return device;
    }

    public Device approve(UUID id) {
        return change(id, Device::approve, "device.approved");
    }

    public Device reject(UUID id) {
        return change(id, Device::reject, "device.rejected");
    }

    public Device disable(UUID id) {
        return change(id, Device::disable, "device.disabled");
    }

    public Device enable(UUID id) {
        return change(id, Device::enable, "device.enabled");
    }

    /** Deletes the device from the directory; its escrowed keys stay until an administrator purges them. */
    public Device delete(UUID id) {
        return change(id, Device::delete, "device.deleted");
    }

    private Device change(UUID id, Consumer<Device> transition, String action) {
        Device device = get(id);
        transition.accept(device);
        audit.record(action, "Device", device.getId().toString(), device.getName(), null);
        return device;
    }
}
