package org.ams.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Where a device sits in the directory: its tenant, its directory and the static groups it belongs to. A target
 * contains the device when it names one of these (or the device itself); the built-in "All devices" group of a tenant
 * contains every device of that tenant, which callers express by targeting the tenant.
 */
public record DevicePlacement(UUID deviceId, UUID tenantId, UUID directoryId, Set<UUID> groupIds) {

    public DevicePlacement {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(directoryId, "directoryId");
        groupIds = Set.copyOf(groupIds);
    }

    public static DevicePlacement of(Device device) {
        Set<UUID> groups = new java.util.HashSet<>();
        for (DeviceGroup group : device.getGroups()) {
            groups.add(group.getId());
        }
        return new DevicePlacement(device.getId(), device.getDirectory().getTenant().getId(),
                device.getDirectory().getId(), groups);
    }

    /** Whether a target of this kind and id contains the device (an "All devices" group is given as its tenant). */
    public boolean isIn(TargetKind kind, UUID id) {
        switch (kind) {
            case TENANT:
                return tenantId.equals(id);
            case DIRECTORY:
                return directoryId.equals(id);
            case DEVICE_GROUP:
                return groupIds.contains(id);
            case COMPUTER:
                return deviceId.equals(id);
            default:
                return false;
        }
    }

    /** Every (kind, id) that contains the device, narrowest first. */
    public List<TargetKey> containingTargets() {
        List<TargetKey> keys = new ArrayList<>(groupIds.size() + 3);
        keys.add(new TargetKey(TargetKind.COMPUTER, deviceId));
        for (UUID group : groupIds) {
            keys.add(new TargetKey(TargetKind.DEVICE_GROUP, group));
        }
        keys.add(new TargetKey(TargetKind.DIRECTORY, directoryId));
        keys.add(new TargetKey(TargetKind.TENANT, tenantId));
        return keys;
    }

    /** A target as a value: its kind and the id of what it names. */
    public record TargetKey(TargetKind kind, UUID id) {

        public TargetKey {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        /** The key as one string, {@code KIND:uuid}, e.g. for a page's select value. */
        public String text() {
            return kind + ":" + id;
        }

        /** Reads {@link #text()}'s form back; empty when the text is not a target key. */
        public static java.util.Optional<TargetKey> parse(String text) {
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon < 0) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(new TargetKey(TargetKind.valueOf(text.substring(0, colon)),
                        UUID.fromString(text.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }
    }
}
