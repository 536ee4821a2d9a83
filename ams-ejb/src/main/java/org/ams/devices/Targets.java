package org.ams.devices;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.security.RoleNames;

/**
 * Finding and naming what policies and rules can target: the target pickers of the policy and rule editors, and the
 * names pages show for targets.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class Targets {

    @PersistenceContext
    private EntityManager em;

    /**
     * Targets whose name contains the text (case-insensitive), tenants first and computers last, at most
     * {@code max} of them. Deleted computers are not offered.
     */
    public List<TargetKey> suggest(String text, int max) {
        String pattern = "%" + (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        List<TargetKey> found = new ArrayList<>();
        collect(found, TargetKind.TENANT, "SELECT t.id FROM Tenant t WHERE LOWER(t.name) LIKE :p ESCAPE '\\' "
                + "ORDER BY t.name", pattern, max);
        collect(found, TargetKind.DIRECTORY, "SELECT d.id FROM Directory d WHERE LOWER(d.name) LIKE :p ESCAPE '\\' "
                + "OR LOWER(d.tenant.name) LIKE :p ESCAPE '\\' ORDER BY d.name", pattern, max);
        collect(found, TargetKind.DEVICE_GROUP, "SELECT g.id FROM DeviceGroup g WHERE LOWER(g.name) LIKE :p "
                + "ESCAPE '\\' ORDER BY g.name", pattern, max);
        collect(found, TargetKind.COMPUTER, "SELECT d.id FROM Device d WHERE d.nameKey LIKE :p ESCAPE '\\' AND "
                + "d.state <> org.ams.devices.DeviceState.DELETED ORDER BY d.nameKey", pattern, max);
        return found.size() > max ? List.copyOf(found.subList(0, max)) : found;
    }

    private void collect(List<TargetKey> found, TargetKind kind, String query, String pattern, int max) {
        em.createQuery(query, UUID.class).setParameter("p", pattern).setMaxResults(max).getResultStream()
                .forEach(id -> found.add(new TargetKey(kind, id)));
    }

    /**
     * The name of what a target names ("Default / Finance laptops" for a group), or empty when it no longer exists
     * (a deleted computer counts as gone).
     */
    public Optional<String> name(TargetKey target) {
        UUID id = target.id();
        switch (target.kind()) {
            case TENANT:
                return Optional.ofNullable(em.find(Tenant.class, id)).map(Tenant::getName);
            case DIRECTORY:
                return Optional.ofNullable(em.find(Directory.class, id))
                        .map(directory -> directory.getTenant().getName() + " / " + directory.getName());
            case DEVICE_GROUP:
                return Optional.ofNullable(em.find(DeviceGroup.class, id))
                        .map(group -> group.getTenant().getName() + " / " + group.getName());
            case COMPUTER:
                return Optional.ofNullable(em.find(Device.class, id))
                        .filter(device -> device.getState() != DeviceState.DELETED).map(Device::getName);
            default:
                return Optional.empty();
        }
    }

    /** A target as people read it, e.g. "Device group Default / Finance"; says so when it is gone. */
    public String describe(TargetKey target) {
        return target.kind().label() + " " + name(target).orElse("(deleted)");
    }
}
