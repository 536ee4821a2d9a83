package org.ams.devices;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.ams.audit.AuditTrail;
import org.ams.security.RoleNames;

/** Devices and device groups: listing them and the administrator's decisions about them. */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class DeviceDirectory {

    public static final String SELF_SERVICE_CHANGED = "device-group.self-service-changed";
    public static final String PRIMARY_USER_CHANGED = "device.primary-user-changed";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    // Any caller: the agent API (no signed-in user) finds the device an assertion names.
    @PermitAll
    public Optional<Device> find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(Device.class, key));
    }

    public Device get(UUID id) {
        return find(id).orElseThrow(() -> new DeviceNotFoundException("There is no device with id " + id + "."));
    }

    // Any caller: a registering agent (no signed-in user) must not reuse a registered key.
    @PermitAll
    public Optional<Device> findByPublicKey(String publicKeySha256) {
        return em.createNamedQuery(Device.BY_PUBLIC_KEY, Device.class).setParameter("hash", publicKeySha256)
                .getResultStream().findFirst();
    }

    /** Every device that is not deleted, by name. */
    public List<Device> devices() {
        return em.createNamedQuery(Device.LISTED, Device.class).getResultList();
    }

    /**
     * One page of a device list (Access Manager Agent / Devices, the members of a group): filtered, sorted and cut in
     * the database.
     *
     * @param first the position of the page's first device in the whole list, from 0
     * @param max   the page size
     */
    public List<Device> list(DeviceListFilter filter, int first, int max) {
        return listQuery(filter, "SELECT d", "", filter.orderBy(), Device.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /** How many devices the whole list holds with this filter. */
    public long count(DeviceListFilter filter) {
        return listQuery(filter, "SELECT COUNT(d)", "", "", Long.class).getSingleResult();
    }

    /** @param condition more of the WHERE clause, starting with {@code AND}; its parameters are the caller's */
    private <T> TypedQuery<T> listQuery(DeviceListFilter filter, String select, String condition, String orderBy,
                                        Class<T> type) {
        TypedQuery<T> query = em.createQuery(select + filter.from() + filter.where() + condition + orderBy, type);
        if (filter.group() != null) {
            query.setParameter("group", filter.group());
        }
        return filter.filtersByName() ? query.setParameter("pattern", filter.namePattern()) : query;
    }

    /**
     * The names of the groups each of these devices was put in, sorted ("All devices" is implicit and not among
     * them): one query for a page of the list instead of one per device.
     */
    public Map<UUID, List<String>> groupNames(Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT d.id, g.name FROM Device d JOIN d.groups g WHERE d.id IN :ids ORDER BY g.name",
                        Object[].class)
                .setParameter("ids", deviceIds)
                .getResultStream()
                .collect(Collectors.groupingBy(row -> (UUID) row[0],
                        Collectors.mapping(row -> (String) row[1], Collectors.toList())));
    }

    public List<DeviceGroup> groups() {
        return em.createNamedQuery(DeviceGroup.ALL, DeviceGroup.class).getResultList();
    }

    public DeviceGroup group(UUID id) {
        return Optional.ofNullable(em.find(DeviceGroup.class, id))
                .orElseThrow(() -> new DeviceException("The device group no longer exists."));
    }

    public List<Tenant> tenants() {
        return em.createNamedQuery(Tenant.ALL, Tenant.class).getResultList();
    }

    public Tenant tenant(UUID id) {
        return Optional.ofNullable(id == null ? null : em.find(Tenant.class, id))
                .orElseThrow(() -> new DeviceException("The tenant no longer exists."));
    }

    /** The AMS directory of a tenant: where devices registering with the tenant's registration keys go. */
    // Any caller: where a registering agent's device goes (no signed-in user).
    @PermitAll
    public Directory amsDirectoryOf(UUID tenantId) {
        return em.createNamedQuery(Directory.AMS_OF_TENANT, Directory.class).setParameter("tenantId", tenantId)
                .getResultStream().findFirst()
                .orElseThrow(() -> new DeviceException("The tenant has no AMS directory."));
    }

    /**
     * The directory of a tenant that computers imported from a directory source go to, named after the source: the
     * one there is, or a new one.
     */
    public Directory importDirectory(UUID tenantId, String name) {
        Tenant tenant = tenant(tenantId);
        Optional<Directory> existing = em.createQuery("SELECT d FROM Directory d WHERE d.tenant = :tenant AND "
                        + "LOWER(d.name) = :name", Directory.class)
                .setParameter("tenant", tenant).setParameter("name", name.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
        if (existing.isPresent()) {
            if (!Directory.IMPORTED_KIND.equals(existing.get().getKind())) {
                throw new DeviceException("Tenant " + tenant.getName() + " already has a directory named '" + name
                        + "' for its agents' devices; rename the directory source first.");
            }
            return existing.get();
        }
        Directory directory = Directory.importedFrom(tenant, name);
        em.persist(directory);
        return directory;
    }

    /**
     * The devices of a tenant that are the same computer, by the key the BitLocker key import and the agent's
     * registration both use: the DNS name (fully qualified) when both sides have one, the computer name otherwise,
     * case-insensitive as Windows names are. Deleted devices are left out.
     *
     * @param imported true for the computers imported without an agent, false for those an agent registered
     */
    // Any caller: a registering agent (no signed-in user) and the key import's timer look for their computer.
    @PermitAll
    public List<Device> sameComputer(UUID tenantId, String name, String dnsName, boolean imported) {
        String dns = dnsName == null ? "" : dnsName.strip().toLowerCase(Locale.ROOT);
        // Two indexed look-ups (name_key, dns_key) rather than one query with OR, which no index serves: the key
        // import asks this for every computer new to it.
        Map<UUID, Device> found = new HashMap<>();
        for (Device device : devicesOf(tenantId, imported, dns.isEmpty() ? "d.nameKey = :key"
                : "d.nameKey = :key AND d.dnsName IS NULL", name.toLowerCase(Locale.ROOT))) {
            found.put(device.getId(), device);
        }
        if (!dns.isEmpty()) {
            for (Device device : devicesOf(tenantId, imported, "d.dnsKey = :key", dns)) {
                found.put(device.getId(), device);
            }
        }
        return found.values().stream()
                .sorted(Comparator.comparing(Device::getRegisteredAt).thenComparing(device -> device.getId().toString()))
                .toList();
    }

    private List<Device> devicesOf(UUID tenantId, boolean imported, String condition, String key) {
        String agentState = imported ? "= org.ams.devices.DeviceState.IMPORTED"
                : "NOT IN (org.ams.devices.DeviceState.IMPORTED, org.ams.devices.DeviceState.DELETED)";
        return em.createQuery("SELECT d FROM Device d WHERE " + condition + " AND d.directory.tenant.id = :tenant "
                        + "AND d.state " + agentState, Device.class)
                .setParameter("tenant", tenantId).setParameter("key", key).getResultList();
    }

    /** A new tenant, with its own AMS directory and "All devices" group, as the built-in one has. */
    public Tenant createTenant(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > Tenant.MAX_NAME) {
            throw new DeviceException("A tenant name needs 1 to " + Tenant.MAX_NAME + " characters.");
        }
        if (tenants().stream().anyMatch(tenant -> tenant.getName().equalsIgnoreCase(trimmed))) {
            throw new DeviceException("A tenant named '" + trimmed + "' already exists.");
        }
        Tenant tenant = new Tenant(trimmed);
        em.persist(tenant);
        em.persist(Directory.amsDirectoryOf(tenant));
        em.persist(DeviceGroup.allDevicesOf(tenant));
        audit.record("tenant.created", "Tenant", tenant.getId().toString(), tenant.getName(), null);
        return tenant;
    }

    public DeviceGroup createGroup(UUID tenantId, String name, String description) {
        Tenant tenant = tenant(tenantId);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > DeviceGroup.MAX_NAME) {
            throw new DeviceException("A group name needs 1 to " + DeviceGroup.MAX_NAME + " characters.");
        }
        boolean taken = groups().stream().anyMatch(group -> group.getTenant().getId().equals(tenant.getId())
                && group.getName().equalsIgnoreCase(trimmed));
        if (taken) {
            throw new DeviceException("Tenant " + tenant.getName() + " already has a device group named '"
                    + trimmed + "'.");
        }
        DeviceGroup group = new DeviceGroup(tenant, trimmed,
                description == null || description.isBlank() ? null : description.strip());
        em.persist(group);
        audit.record("device-group.created", "DeviceGroup", group.getId().toString(), group.getName(), null);
        return group;
    }

    /**
     * A device that just registered through the agent (a new one, or an imported one the agent joined), or a computer
     * the BitLocker key import found.
     */
    // Any caller: AgentRegistration adds the device once its registration key has been accepted (no signed-in user);
    // the key import runs on a timer.
    @PermitAll
    public Device add(Device device) {
        if (!em.contains(device)) {
            em.persist(device);
        }
        if (device.registrationKeyId() != null) {
            // Written apart from the entity (see Device#registrationKeyId): a native statement binds the UUID itself.
            em.flush();
            em.createNativeQuery("UPDATE device SET registration_key_id = ? WHERE id = ?")
                    .setParameter(1, device.registrationKeyId()).setParameter(2, device.getId()).executeUpdate();
        }
        return device;
    }

    /** How many devices each group holds ("All devices" counts every listed device of its tenant). */
    public Map<UUID, Long> memberCounts() {
        Map<UUID, Long> counts = new HashMap<>(em.createQuery("SELECT g.id, COUNT(d) FROM Device d JOIN d.groups g "
                        + "WHERE d.state <> org.ams.devices.DeviceState.DELETED GROUP BY g.id", Object[].class)
                .getResultStream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1])));
        Map<UUID, Long> perTenant = em.createQuery("SELECT d.directory.tenant.id, COUNT(d) FROM Device d WHERE "
                        + "d.state <> org.ams.devices.DeviceState.DELETED GROUP BY d.directory.tenant.id", Object[].class)
                .getResultStream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));
        for (DeviceGroup group : groups()) {
            if (group.isAllDevices()) {
                counts.put(group.getId(), perTenant.getOrDefault(group.getTenant().getId(), 0L));
            }
        }
        return counts;
    }

    /** Puts a device into a static group; the built-in "All devices" group needs no membership. */
    public void addMember(UUID groupId, UUID deviceId) {
        join(staticGroup(groupId), get(deviceId));
    }

    /**
     * Puts the device an administrator named into a static group. Names are case-insensitive, as Windows computer
     * names are; when several devices bear the name, the group picks the one meant (see
     * {@link DeviceGroup#meantAmong}).
     *
     * @return the device that joined
     */
    public Device addMember(UUID groupId, String deviceName) {
        DeviceGroup group = staticGroup(groupId);
        String name = deviceName == null ? "" : deviceName.strip();
        if (name.isEmpty()) {
            throw new DeviceException("Type the name of the device to add.");
        }
        List<Device> named = em.createQuery("SELECT d FROM Device d WHERE d.nameKey = :key AND d.state <> "
                        + "org.ams.devices.DeviceState.DELETED ORDER BY d.registeredAt, d.id", Device.class)
                .setParameter("key", name.toLowerCase(Locale.ROOT))
                .getResultList();
        if (named.isEmpty()) {
            throw new DeviceNotFoundException("No device is called " + name + ".");
        }
        Device device = group.meantAmong(named);
        join(group, device);
        return device;
    }

    /**
     * Devices that could join a static group, for the device field of the Groups page: devices in use of the group's
     * tenant, not in the group yet, whose name contains the text; the first {@code max} by name.
     */
    public List<Device> joinable(UUID groupId, String nameContains, int max) {
        DeviceGroup group = staticGroup(groupId);
        DeviceListFilter filter = new DeviceListFilter(false, nameContains, DeviceListFilter.Order.NAME, false);
        return listQuery(filter, "SELECT d", " AND d.directory.tenant.id = :tenant AND d.id NOT IN "
                        + "(SELECT m.id FROM Device m JOIN m.groups mg WHERE mg.id = :joining)", filter.orderBy(),
                Device.class)
                .setParameter("tenant", group.getTenant().getId())
                .setParameter("joining", group.getId())
                .setMaxResults(max)
                .getResultList();
    }

    private void join(DeviceGroup group, Device device) {
        if (device.getState() == DeviceState.DELETED) {
            throw new DeviceException("A deleted device cannot join a group.");
        }
        if (!device.getDirectory().getTenant().getId().equals(group.getTenant().getId())) {
            throw new DeviceException(device.getName() + " belongs to tenant " + device.getDirectory().getTenant()
                    .getName() + "; " + group.getName() + " is a group of " + group.getTenant().getName() + ".");
        }
        if (device.getGroups().contains(group)) {
            throw new DeviceException(device.getName() + " is already in " + group.getName() + ".");
        }
        device.join(group);
        audit.record("device-group.member-added", "DeviceGroup", group.getId().toString(), group.getName(),
                "device " + device.getName());
    }

    public void removeMember(UUID groupId, UUID deviceId) {
        DeviceGroup group = staticGroup(groupId);
        Device device = get(deviceId);
        if (!device.leave(group)) {
            throw new DeviceException(device.getName() + " is not in " + group.getName() + ".");
        }
        audit.record("device-group.member-removed", "DeviceGroup", group.getId().toString(), group.getName(),
                "device " + device.getName());
    }

    /**
     * Turns self-service recovery on or off for a device group; a tenant's "All devices" group covers the whole
     * tenant. Audited as {@value #SELF_SERVICE_CHANGED}; a change to what it already is changes nothing and records
     * nothing.
     */
    public DeviceGroup setSelfServiceRecovery(UUID groupId, boolean on) {
        DeviceGroup group = group(groupId);
        if (group.isSelfServiceRecovery() != on) {
            group.setSelfServiceRecovery(on);
            audit.record(SELF_SERVICE_CHANGED, "DeviceGroup", group.getId().toString(), group.getName(),
                    "self-service recovery turned " + (on ? "on" : "off") + " for " + group.getTenant().getName()
                            + " / " + group.getName());
        }
        return group;
    }

    /**
     * Sets the device's primary user, who may use self-service recovery for it like a user who signed in on it;
     * blank clears it. Written as the administrator typed it (e.g. {@code CORP\jdoe}, {@code jdoe@corp.example},
     * {@code jdoe}; see {@link UserName}). Audited as {@value #PRIMARY_USER_CHANGED}.
     *
     * @throws DeviceException when the name has no account name, is too long or holds control characters
     */
    public Device setPrimaryUser(UUID deviceId, String user) {
        Device device = get(deviceId);
        String name = user == null || user.isBlank() ? null : user.strip();
        if (name != null && UserName.parse(name).isEmpty()) {
            throw new DeviceException("Type the primary user as CORP\\jdoe, jdoe@corp.example or jdoe (at most "
                    + UserName.MAX_LENGTH + " characters); nothing was changed.");
        }
        String before = device.getPrimaryUser();
        if (!java.util.Objects.equals(before, name)) {
            device.setPrimaryUser(name);
            audit.record(PRIMARY_USER_CHANGED, "Device", device.getId().toString(), device.getName(),
                    "primary user " + (name == null ? "none" : name) + " (was " + (before == null ? "none" : before)
                            + ")");
        }
        return device;
    }

    /** Deletes a static group; its devices stay, and simply leave it. */
    public void deleteGroup(UUID groupId) {
        DeviceGroup group = staticGroup(groupId);
        em.createQuery("SELECT d FROM Device d JOIN d.groups g WHERE g = :group", Device.class)
                .setParameter("group", group).getResultStream().forEach(device -> device.leave(group));
        em.flush();
        em.remove(group);
        audit.record("device-group.deleted", "DeviceGroup", group.getId().toString(), group.getName(), null);
    }

    private DeviceGroup staticGroup(UUID groupId) {
        DeviceGroup group = group(groupId);
        if (group.isAllDevices()) {
            throw new DeviceException("\"All devices\" always holds every device of its tenant; it cannot be changed.");
        }
        return group;
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
