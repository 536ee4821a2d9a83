package org.ams.policy;

import java.util.List;
import java.util.Set;
import org.ams.protocol.wire.AgentPolicy;

/**
 * What an administrator typed into the policy editor, not yet checked. For the default policy the name,
 * description, enabled flag and targets are ignored: it always applies, to whatever no custom policy claims.
 */
public record PolicyDraft(String name, String description, boolean enabled, int checkInIntervalMinutes,
                          boolean backupOsDrive, boolean backupFixedDrives, boolean backupRemovableDrives,
                          KeyRotationPolicy rotation, List<PolicyTarget> targets) {

    public PolicyDraft {
        targets = targets == null ? List.of() : List.copyOf(targets);
        rotation = rotation == null ? KeyRotationPolicy.SHIPPED : rotation;
    }

    /**
     * A new custom policy: enabled, hourly check-in, (as the guide expects the administrator to choose) no backup, and
     * disclosed recovery passwords replaced.
     */
    public static PolicyDraft newPolicy(String name) {
        return new PolicyDraft(name, null, true, AgentPolicies.DEFAULT_CHECK_IN_MINUTES, false, false, false,
                KeyRotationPolicy.SHIPPED, List.of());
    }

    public AgentPolicy settings() {
        return new AgentPolicy(checkInIntervalMinutes, backupOsDrive, backupFixedDrives, backupRemovableDrives);
    }

    /** The distinct targets, in the order given. */
    public Set<PolicyTarget> distinctTargets() {
        return new java.util.LinkedHashSet<>(targets);
    }
}
