package org.ams.policy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.devices.Device;
import org.ams.devices.DevicePlacement;
import org.ams.devices.Targets;
import org.ams.security.RoleNames;

/**
 * The administrator's use cases on agent policies: list, create, edit, duplicate, delete, reorder, and explain
 * which policy a device gets and why. Every change takes the platform's policy generation row lock first, so changes
 * to the ordered list happen one at a time, and replaces the generation, so every server recompiles.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class AgentPolicies {

    /** How often a new policy tells agents to check in, and the default policy's initial value. */
    public static final int DEFAULT_CHECK_IN_MINUTES = 60;
    /** Below this, a fleet's check-ins cost more than they tell: agents report little new in five minutes. */
    public static final int MIN_CHECK_IN_MINUTES = 5;
    /** A device that checks in less than once a day leaves keys unescrowed too long. */
    public static final int MAX_CHECK_IN_MINUTES = 1440;
    public static final int MAX_TARGETS = 500;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private Targets targets;

    /** The platform's policies: custom ones in list order, the default one last (it is evaluated last). */
    public List<Policy> policies(Platform platform) {
        return em.createNamedQuery(Policy.OF_PLATFORM, Policy.class).setParameter("platform", platform)
                .getResultList();
    }

    public Optional<Policy> find(UUID id) {
        return Optional.ofNullable(id == null ? null : em.find(Policy.class, id));
    }

    public Policy get(UUID id) {
        return find(id).orElseThrow(() -> new PolicyConflictException(
                "The policy no longer exists: someone else deleted it. Reload the page."));
    }

    public Policy create(Platform platform, PolicyDraft draft) {
        lockPolicies(platform);
        check(platform, null, draft);
        int position = customPolicies(platform).size() + 1;
        Policy policy = new Policy(platform, position, draft);
        em.persist(policy);
        em.flush();
        audit.record("agent-policy.created", "AgentPolicy", policy.getId().toString(), policy.getName(),
                summary(policy));
        return policy;
    }

    /**
     * Saves an edit of a policy opened at {@code expectedVersion}.
     *
     * @throws PolicyConflictException when someone else changed or deleted it since
     */
    public Policy update(UUID id, long expectedVersion, PolicyDraft draft) {
        Policy policy = lockedForChange(id, expectedVersion);
        check(policy.getPlatform(), policy, draft);
        policy.apply(draft);
        em.flush();
        audit.record("agent-policy.changed", "AgentPolicy", policy.getId().toString(), policy.getName(),
                summary(policy));
        return policy;
    }

    /** A copy right below the original, disabled until the administrator has adjusted and enabled it. */
    public Policy duplicate(UUID id) {
        Policy original = get(id);
        lockPolicies(original.getPlatform());
        if (original.isDefaultPolicy()) {
            throw new PolicyException("The default policy cannot be duplicated; create a new policy instead.");
        }
        PolicyDraft copy = original.toDraft();
        String name = freeName(original.getPlatform(), "Copy of " + original.getName());
        PolicyDraft draft = new PolicyDraft(name, copy.description(), false, copy.checkInIntervalMinutes(),
                copy.backupOsDrive(), copy.backupFixedDrives(), copy.backupRemovableDrives(), copy.rotation(),
                existingTargets(copy.targets()));
        check(original.getPlatform(), null, draft);
        for (Policy later : customPolicies(original.getPlatform())) {
            if (later.getPosition() > original.getPosition()) {
                later.moveTo(later.getPosition() + 1);
            }
        }
        Policy policy = new Policy(original.getPlatform(), original.getPosition() + 1, draft);
        em.persist(policy);
        em.flush();
        audit.record("agent-policy.duplicated", "AgentPolicy", policy.getId().toString(), policy.getName(),
                "copy of " + original.getName() + "; " + summary(policy));
        return policy;
    }

    public void delete(UUID id, long expectedVersion) {
        Policy policy = lockedForChange(id, expectedVersion);
        if (policy.isDefaultPolicy()) {
            throw new PolicyException("The default policy cannot be deleted: it applies to every device no custom "
                    + "policy targets.");
        }
        for (Policy later : customPolicies(policy.getPlatform())) {
            if (later.getPosition() > policy.getPosition()) {
                later.moveTo(later.getPosition() - 1);
            }
        }
        em.remove(policy);
        em.flush();
        audit.record("agent-policy.deleted", "AgentPolicy", policy.getId().toString(), policy.getName(), null);
    }

    /**
     * Moves a custom policy to another place in the list (1 is evaluated first); the policies in between shift by
     * one.
     */
    public Policy move(UUID id, int newPosition) {
        Policy policy = get(id);
        lockPolicies(policy.getPlatform());
        em.refresh(policy);
        if (policy.isDefaultPolicy()) {
            throw new PolicyException("The default policy is always evaluated last; it cannot be moved.");
        }
        List<Policy> list = customPolicies(policy.getPlatform());
        if (newPosition < 1 || newPosition > list.size()) {
            throw new PolicyException("There is no place " + newPosition + " in a list of " + list.size()
                    + " policies.");
        }
        int oldPosition = policy.getPosition();
        if (oldPosition == newPosition) {
            return policy;
        }
        list.remove(policy);
        list.add(newPosition - 1, policy);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getPosition() != i + 1) {
                list.get(i).moveTo(i + 1);
            }
        }
        em.flush();
        audit.record("agent-policy.moved", "AgentPolicy", policy.getId().toString(), policy.getName(),
                "from place " + oldPosition + " to place " + newPosition);
        return policy;
    }

    /** Which policy a device gets, and what every custom policy before it had to do with the device. */
    public PolicyExplanation explain(UUID deviceId) {
        Device device = Optional.ofNullable(deviceId == null ? null : em.find(Device.class, deviceId))
                .orElseThrow(() -> new PolicyException("The device no longer exists."));
        DevicePlacement placement = DevicePlacement.of(device);
        Map<UUID, UUID> allDevicesGroups = PolicyResolver.allDevicesGroupTenants(em);
        List<PolicyExplanation.Step> steps = new ArrayList<>();
        Policy defaultPolicy = null;
        for (Policy policy : policies(Platform.WINDOWS)) {
            if (policy.isDefaultPolicy()) {
                defaultPolicy = policy;
                continue;
            }
            List<String> matched = policy.getTargets().stream()
                    .filter(target -> {
                        DevicePlacement.TargetKey key = PolicyResolver.effectiveTarget(target, allDevicesGroups);
                        return placement.isIn(key.kind(), key.id());
                    })
                    .map(this::describe).collect(Collectors.toList());
            if (!policy.isEnabled()) {
                steps.add(new PolicyExplanation.Step(policy.getPosition(), policy.getName(),
                        PolicyExplanation.Outcome.DISABLED, matched));
            } else if (matched.isEmpty()) {
                steps.add(new PolicyExplanation.Step(policy.getPosition(), policy.getName(),
                        PolicyExplanation.Outcome.NOT_TARGETED, matched));
            } else {
                steps.add(new PolicyExplanation.Step(policy.getPosition(), policy.getName(),
                        PolicyExplanation.Outcome.APPLIES, matched));
                return new PolicyExplanation(device.getName(), policy.getId(), policy.getName(), false, steps);
            }
        }
        if (defaultPolicy == null) {
            throw new IllegalStateException("The Windows default policy is missing from the database.");
        }
        return new PolicyExplanation(device.getName(), defaultPolicy.getId(), defaultPolicy.getName(), true, steps);
    }

    /** A target as people read it, e.g. "Device group Default / Finance laptops"; says so when it is gone. */
    public String describe(PolicyTarget target) {
        return targets.describe(target.key());
    }

    /** Whether a target still names something that exists (a deleted device counts as gone). */
    public boolean exists(PolicyTarget target) {
        return targets.name(target.key()).isPresent();
    }

    private void check(Platform platform, Policy editing, PolicyDraft draft) {
        if (draft == null) {
            throw new PolicyException("There is nothing to save.");
        }
        int minutes = draft.checkInIntervalMinutes();
        if (minutes < MIN_CHECK_IN_MINUTES || minutes > MAX_CHECK_IN_MINUTES) {
            throw new PolicyException("The check-in interval must be between " + MIN_CHECK_IN_MINUTES + " and "
                    + MAX_CHECK_IN_MINUTES + " minutes (one day); " + minutes + " is not.");
        }
        Integer days = draft.rotation().rotateAfterDays();
        if (days != null && (days < KeyRotationPolicy.MIN_DAYS || days > KeyRotationPolicy.MAX_DAYS)) {
            throw new PolicyException("Recovery passwords can be replaced for their age after "
                    + KeyRotationPolicy.MIN_DAYS + " to " + KeyRotationPolicy.MAX_DAYS + " days; " + days
                    + " is not. Leave the field empty to keep them however old they are.");
        }
        if (editing != null && editing.isDefaultPolicy()) {
            return;
        }
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > Policy.MAX_NAME) {
            throw new PolicyException("A policy name needs 1 to " + Policy.MAX_NAME + " characters.");
        }
        if (draft.description() != null && draft.description().strip().length() > Policy.MAX_DESCRIPTION) {
            throw new PolicyException("A description has at most " + Policy.MAX_DESCRIPTION + " characters.");
        }
        String key = name.toLowerCase(Locale.ROOT);
        boolean taken = policies(platform).stream().anyMatch(other -> other != editing
                && other.getName().toLowerCase(Locale.ROOT).equals(key));
        if (taken) {
            throw new PolicyException("A " + platform.label() + " policy named '" + name + "' already exists.");
        }
        if (draft.distinctTargets().size() > MAX_TARGETS) {
            throw new PolicyException("A policy has at most " + MAX_TARGETS + " targets; use a device group for "
                    + "more computers.");
        }
        for (PolicyTarget target : draft.distinctTargets()) {
            if (!exists(target)) {
                throw new PolicyException("A target of this policy no longer exists (" + target.getKind().label()
                        .toLowerCase(Locale.ROOT) + " " + target.getTargetId() + "): remove it and save again.");
            }
        }
    }

    private List<PolicyTarget> existingTargets(List<PolicyTarget> targets) {
        return targets.stream().filter(this::exists).collect(Collectors.toList());
    }

    private String freeName(Platform platform, String wanted) {
        String base = wanted.length() > Policy.MAX_NAME - 5 ? wanted.substring(0, Policy.MAX_NAME - 5) : wanted;
        List<String> names = policies(platform).stream().map(p -> p.getName().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
        String candidate = base;
        for (int n = 2; names.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + " (" + n + ")";
        }
        return candidate;
    }

    private Policy lockedForChange(UUID id, long expectedVersion) {
        Policy policy = get(id);
        lockPolicies(policy.getPlatform());
        // Read again under the lock: what the administrator saw must still be what is stored.
        em.refresh(policy);
        if (policy.getVersion() != expectedVersion) {
            throw new PolicyConflictException("Policy '" + policy.getName() + "' was changed by someone else "
                    + "since you opened it. Reload the page and make your change again.");
        }
        return policy;
    }

    private void lockPolicies(Platform platform) {
        PolicyGeneration generation = em.find(PolicyGeneration.class, platform, LockModeType.PESSIMISTIC_WRITE);
        if (generation == null) {
            throw new IllegalStateException("The " + platform.label() + " policy generation row is missing.");
        }
        generation.advance();
    }

    private List<Policy> customPolicies(Platform platform) {
        return policies(platform).stream().filter(policy -> !policy.isDefaultPolicy())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private String summary(Policy policy) {
        StringBuilder text = new StringBuilder();
        if (!policy.isDefaultPolicy()) {
            text.append(policy.isEnabled() ? "enabled" : "disabled").append(", place ").append(policy.getPosition())
                    .append(", targets: ")
                    .append(targetsSummary(policy))
                    .append("; ");
        }
        return text.append("check-in every ").append(policy.getCheckInIntervalMinutes()).append(" min; backup: OS ")
                .append(yesNo(policy.isBackupOsDrive())).append(", fixed ").append(yesNo(policy.isBackupFixedDrives()))
                .append(", removable ").append(yesNo(policy.isBackupRemovableDrives()))
                .append("; replace a recovery password once shown: ").append(yesNo(policy.isRotateDisclosedKeys()))
                .append(", after days: ").append(policy.getRotateAfterDays() == null ? "never"
                        : policy.getRotateAfterDays()).toString();
    }

    /** The targets for the audit trail: the first twenty by name, then how many more (records stay readable). */
    private String targetsSummary(Policy policy) {
        if (policy.getTargets().isEmpty()) {
            return "none";
        }
        String named = policy.getTargets().stream().limit(20).map(this::describe).collect(Collectors.joining(", "));
        int more = policy.getTargets().size() - 20;
        return more > 0 ? named + " and " + more + " more" : named;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
