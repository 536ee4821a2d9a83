package org.ams.authz;

import java.util.Set;
import java.util.UUID;
import org.ams.devices.DeviceState;

/**
 * Where a computer sits in the device directory, as a decision needs it: read once per decision with one indexed
 * query, so a group membership change counts at once, on every node, without a cache to invalidate.
 *
 * @param staticGroupIds the groups it was put in (the tenant's "All devices" group is implicit and not listed)
 */
record DevicePlacement(UUID deviceId, DeviceState state, UUID tenantId, UUID directoryId, Set<UUID> staticGroupIds) {

    DevicePlacement {
        staticGroupIds = Set.copyOf(staticGroupIds);
    }

    boolean deleted() {
        return state == DeviceState.DELETED;
    }
}
