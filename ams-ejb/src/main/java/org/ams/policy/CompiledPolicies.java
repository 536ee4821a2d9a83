package org.ams.policy;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.protocol.wire.AgentPolicy;

/**
 * The policies of one platform compiled for look-ups: for every target, the first enabled custom policy in list
 * order that names it. A device's policy is then the earliest of the policies its few containing targets point to
 * (its tenant, directory, groups and itself), whatever the number of policies, groups or devices. Immutable, so a
 * check-in reads it without locking.
 */
public final class CompiledPolicies {

    private final long generation;
    private final Compiled defaultPolicy;
    private final Map<TargetKey, Compiled> firstByTarget;

    /**
     * @param generation    the policy generation these were read at
     * @param defaultPolicy what applies when no custom policy does
     * @param custom        the custom policies in list order (disabled ones are skipped here)
     */
    public CompiledPolicies(long generation, Compiled defaultPolicy, List<Custom> custom) {
        this.generation = generation;
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        Map<TargetKey, Compiled> first = new HashMap<>();
        int order = 0;
        for (Custom policy : custom) {
            order++;
            if (!policy.enabled()) {
                continue;
            }
            Compiled ranked = policy.policy().ranked(order);
            for (TargetKey target : policy.targets()) {
                first.putIfAbsent(target, ranked);
            }
        }
        this.firstByTarget = Map.copyOf(first);
    }

    public long generation() {
        return generation;
    }

    /** The policy that applies to a device placed so, and the target that made it apply (none for the default). */
    public Resolution resolve(DevicePlacement placement) {
        Compiled best = null;
        TargetKey matched = null;
        for (TargetKey target : placement.containingTargets()) {
            Compiled candidate = firstByTarget.get(target);
            if (candidate != null && (best == null || candidate.rank() < best.rank())) {
                best = candidate;
                matched = target;
            }
        }
        return best == null ? new Resolution(defaultPolicy, null) : new Resolution(best, matched);
    }

    /** A policy as compiled: who it is and what it tells the agent. */
    public record Compiled(UUID id, String name, boolean defaultPolicy, AgentPolicy settings,
                           KeyRotationPolicy rotation, int rank) {

        public static Compiled defaultPolicy(UUID id, String name, AgentPolicy settings) {
            return defaultPolicy(id, name, settings, KeyRotationPolicy.SHIPPED);
        }

        public static Compiled defaultPolicy(UUID id, String name, AgentPolicy settings, KeyRotationPolicy rotation) {
            return new Compiled(id, name, true, settings, rotation, Integer.MAX_VALUE);
        }

        public static Compiled custom(UUID id, String name, AgentPolicy settings) {
            return custom(id, name, settings, KeyRotationPolicy.SHIPPED);
        }

        public static Compiled custom(UUID id, String name, AgentPolicy settings, KeyRotationPolicy rotation) {
            return new Compiled(id, name, false, settings, rotation, 0);
        }

        Compiled ranked(int order) {
            return new Compiled(id, name, defaultPolicy, settings, rotation, order);
        }
    }

    /**
     * A custom policy with its targets; a target given as a tenant's "All devices" group must already be translated
     * to the tenant itself.
     */
    public record Custom(Compiled policy, boolean enabled, Collection<TargetKey> targets) {
    }

    /** Which policy applies and the target through which it does ({@code null} when the default applies). */
    public record Resolution(Compiled policy, TargetKey matchedTarget) {

        public AgentPolicy settings() {
            return policy.settings();
        }

        public KeyRotationPolicy rotation() {
            return policy.rotation();
        }
    }
}
