package org.ams.policy;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ams.devices.Device;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.devices.TargetKind;

/**
 * A device's effective agent policy, from policies compiled once per change. Every resolution reads the platform's
 * policy generation (one primary-key read) and recompiles when it moved, so a change made on any server of a
 * cluster applies at the next check-in everywhere. Group membership is read from the device itself at each
 * resolution, so moving a device between groups needs no invalidation at all.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Any caller: the agent API (no signed-in user) resolves the policy of the device it authenticated. Policies are
// settings an agent is told, not secrets.
@PermitAll
public class PolicyResolver {

    @PersistenceContext
    private EntityManager em;

    private final Map<Platform, CompiledPolicies> compiled = new ConcurrentHashMap<>();

    /** The policy that applies to a device (Windows is the only platform agents run on today). */
    public CompiledPolicies.Resolution resolve(Device device) {
        return current(Platform.WINDOWS).resolve(DevicePlacement.of(device));
    }

    /** The compiled policies of a platform as of now: the cached ones while no change happened since. */
    public CompiledPolicies current(Platform platform) {
        long generation = em.createQuery("SELECT g.generation FROM PolicyGeneration g WHERE g.platform = :platform",
                Long.class).setParameter("platform", platform).getSingleResult();
        CompiledPolicies cached = compiled.get(platform);
        if (cached != null && cached.generation() == generation) {
            return cached;
        }
        // Two check-ins may both compile after a change; both results are equal, and the later one simply wins.
        CompiledPolicies fresh = compile(platform, generation);
        compiled.put(platform, fresh);
        return fresh;
    }

    private CompiledPolicies compile(Platform platform, long generation) {
        List<Policy> policies = em.createNamedQuery(Policy.OF_PLATFORM, Policy.class)
                .setParameter("platform", platform).getResultList();
        Map<UUID, UUID> allDevicesGroups = allDevicesGroupTenants(em);
        CompiledPolicies.Compiled defaultPolicy = null;
        List<CompiledPolicies.Custom> custom = new ArrayList<>();
        for (Policy policy : policies) {
            if (policy.isDefaultPolicy()) {
                defaultPolicy = CompiledPolicies.Compiled.defaultPolicy(policy.getId(), policy.getName(),
                        policy.settings(), policy.rotation());
            } else {
                List<TargetKey> targets = policy.getTargets().stream()
                        .map(target -> effectiveTarget(target, allDevicesGroups)).collect(Collectors.toList());
                custom.add(new CompiledPolicies.Custom(CompiledPolicies.Compiled.custom(policy.getId(),
                        policy.getName(), policy.settings(), policy.rotation()), policy.isEnabled(), targets));
            }
        }
        if (defaultPolicy == null) {
            throw new IllegalStateException("The " + platform.label() + " default policy is missing from the database.");
        }
        return new CompiledPolicies(generation, defaultPolicy, custom);
    }

    /** Each tenant's built-in "All devices" group, by its id, with the tenant's id. */
    static Map<UUID, UUID> allDevicesGroupTenants(EntityManager em) {
        return em.createQuery("SELECT g FROM DeviceGroup g WHERE g.allDevices = TRUE", DeviceGroup.class)
                .getResultStream().collect(Collectors.toMap(DeviceGroup::getId, group -> group.getTenant().getId()));
    }

    /** A tenant's "All devices" group holds exactly the tenant's devices: it matches as the tenant does. */
    static TargetKey effectiveTarget(PolicyTarget target, Map<UUID, UUID> allDevicesGroupTenants) {
        if (target.getKind() == TargetKind.DEVICE_GROUP && allDevicesGroupTenants.containsKey(target.getTargetId())) {
            return new TargetKey(TargetKind.TENANT, allDevicesGroupTenants.get(target.getTargetId()));
        }
        return target.key();
    }
}
