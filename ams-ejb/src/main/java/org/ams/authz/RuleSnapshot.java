package org.ams.authz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DeviceState;
import org.ams.devices.TargetKind;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;

/**
 * Every authorization rule at one generation, immutable and indexed for decisions: rules by target, and within a rule
 * its entries by principal. A decision looks up the handful of targets that contain the computer (itself, its groups,
 * its tenant's "All devices" group, its directory, its tenant) instead of scanning all rules, so its cost depends on
 * the rules about that computer and the user's group count, not on the number of rules.
 * <p>
 * Pure Java: no database, no container; {@link AuthorizationDecisions} loads it and keeps it current.
 */
public final class RuleSnapshot {

    /**
     * Above this many entries a rule indexes them by principal; a short ACL is cheaper to walk than the user's
     * 200 groups.
     */
    private static final int INDEX_ENTRIES_ABOVE = 8;

    private static final Comparator<RuleConsideration> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((RuleConsideration c) -> c.targetMatch().ordinal())
            .thenComparing(RuleConsideration::description)
            .thenComparing(RuleConsideration::ruleId);

    /** What the snapshot needs of a rule. */
    public record Rule(UUID id, RuleTarget target, String description, boolean enabled, Instant expiresAt,
                       List<AccessControlEntry> acl) {
        public Rule {
            acl = List.copyOf(acl);
        }
    }

    private final long generation;
    private final Map<RuleTarget, List<CompiledRule>> byTarget;
    private final Map<PrincipalKey, List<CompiledRule>> byPrincipal;
    private final Map<UUID, UUID> allDevicesGroupOfTenant;
    private final int size;

    private RuleSnapshot(long generation, Collection<Rule> rules, Map<UUID, UUID> allDevicesGroupOfTenant) {
        this.generation = generation;
        this.allDevicesGroupOfTenant = Map.copyOf(allDevicesGroupOfTenant);
        Map<RuleTarget, List<CompiledRule>> targets = new HashMap<>();
        Map<PrincipalKey, List<CompiledRule>> principals = new HashMap<>();
        for (Rule rule : rules) {
            CompiledRule compiled = new CompiledRule(rule);
            targets.computeIfAbsent(rule.target(), t -> new ArrayList<>(1)).add(compiled);
            Set<PrincipalKey> named = new HashSet<>();
            for (PrincipalKey key : compiled.keys) {
                if (named.add(key)) {
                    principals.computeIfAbsent(key, k -> new ArrayList<>(1)).add(compiled);
                }
            }
        }
        targets.replaceAll((target, list) -> List.copyOf(list));
        principals.replaceAll((key, list) -> List.copyOf(list));
        this.byTarget = targets;
        this.byPrincipal = principals;
        this.size = rules.size();
    }

    /**
     * @param generation              the rules' generation counter the rules were read at
     * @param allDevicesGroupOfTenant each tenant's built-in "All devices" group, whose membership is implicit
     */
    public static RuleSnapshot of(long generation, Collection<Rule> rules, Map<UUID, UUID> allDevicesGroupOfTenant) {
        return new RuleSnapshot(generation, rules, allDevicesGroupOfTenant);
    }

    public long generation() {
        return generation;
    }

    public int size() {
        return size;
    }

    /**
     * The decision over the rules whose target contains the computer: a matching Deny in any active one denies;
     * otherwise a matching Allow grants, naming the most specific granting rule.
     */
    Decision decide(UserIdentity user, DevicePlacement device, DeviceState state, Permission permission,
                    Instant now) {
        return evaluate(user, device, state == DeviceState.DELETED, permission, now, false);
    }

    /** As {@link #decide}, and the explanation also lists the rules that name the user but not this computer. */
    Decision explain(UserIdentity user, DevicePlacement device, DeviceState state, Permission permission,
                     Instant now) {
        return evaluate(user, device, state == DeviceState.DELETED, permission, now, true);
    }

    private Decision evaluate(UserIdentity user, DevicePlacement device, boolean deleted, Permission permission,
                              Instant now, boolean includeOtherTargets) {
        Computer computer = new Computer(device, deleted);
        List<RuleConsideration> considered = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        consider(RuleTarget.computer(device.deviceId()), TargetMatch.THE_COMPUTER_ITSELF, user, computer,
                permission, now, considered, seen);
        for (UUID group : device.groupIds()) {
            consider(RuleTarget.deviceGroup(group), TargetMatch.STATIC_GROUP_OF_THE_COMPUTER, user, computer,
                    permission, now, considered, seen);
        }
        UUID allDevices = allDevicesGroupOfTenant.get(device.tenantId());
        // "All devices" holds every device of the tenant that is not deleted, as the Groups page counts them.
        if (allDevices != null && !deleted) {
            consider(RuleTarget.deviceGroup(allDevices), TargetMatch.ALL_DEVICES_GROUP_OF_ITS_TENANT, user, computer,
                    permission, now, considered, seen);
        }
        consider(RuleTarget.directory(device.directoryId()), TargetMatch.DIRECTORY_OF_THE_COMPUTER, user, computer,
                permission, now, considered, seen);
        consider(RuleTarget.tenant(device.tenantId()), TargetMatch.TENANT_OF_THE_COMPUTER, user, computer,
                permission, now, considered, seen);

        boolean targeted = false;
        RuleConsideration granting = null;
        RuleConsideration denying = null;
        for (RuleConsideration rule : considered) {
            if (!rule.applied()) {
                continue;
            }
            targeted = true;
            if (rule.denies() && (denying == null || MOST_SPECIFIC_FIRST.compare(rule, denying) < 0)) {
                denying = rule;
            }
            if (rule.grants() && (granting == null || MOST_SPECIFIC_FIRST.compare(rule, granting) < 0)) {
                granting = rule;
            }
        }
        if (includeOtherTargets) {
            for (Map.Entry<PrincipalKey, ?> principal : user.principals()) {
                for (CompiledRule rule : byPrincipal.getOrDefault(principal.getKey(), List.of())) {
                    if (seen.add(rule.rule.id())) {
                        considered.add(rule.consider(TargetMatch.DOES_NOT_CONTAIN_THE_COMPUTER, user, computer,
                                permission, now));
                    }
                }
            }
        }
        considered.sort(MOST_SPECIFIC_FIRST);
        ResultCode result;
        RuleConsideration deciding = null;
        if (denying != null) {
            result = ResultCode.EXPLICITLY_DENIED;
            deciding = denying;
        } else if (granting != null) {
            result = ResultCode.SUCCESS;
            deciding = granting;
        } else if (!targeted) {
            result = ResultCode.NO_MATCHING_RULE_FOR_TARGET;
        } else {
            result = ResultCode.NO_MATCHING_RULE_FOR_USER;
        }
        return new Decision(result, device.deviceId(), permission, deciding, considered);
    }

    private void consider(RuleTarget target, TargetMatch match, UserIdentity user, Computer computer,
                          Permission permission, Instant now, List<RuleConsideration> considered, Set<UUID> seen) {
        for (CompiledRule rule : byTarget.getOrDefault(target, List.of())) {
            if (seen.add(rule.rule.id())) {
                considered.add(rule.consider(match, user, computer, permission, now));
            }
        }
    }

    /** The computer a decision is about: where it sits, and whether it was deleted. */
    private record Computer(DevicePlacement placement, boolean deleted) {
    }

    /** A rule with its entries' principal keys worked out once, and indexed when the ACL is long. */
    private static final class CompiledRule {

        private final Rule rule;
        private final PrincipalKey[] keys;
        private final Map<PrincipalKey, int[]> index;

        CompiledRule(Rule rule) {
            this.rule = rule;
            this.keys = rule.acl().stream().map(entry -> PrincipalKey.of(entry.principal()))
                    .toArray(PrincipalKey[]::new);
            if (keys.length > INDEX_ENTRIES_ABOVE) {
                Map<PrincipalKey, int[]> positions = new HashMap<>();
                for (int i = 0; i < keys.length; i++) {
                    int[] old = positions.get(keys[i]);
                    int[] now = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
                    now[now.length - 1] = i;
                    positions.put(keys[i], now);
                }
                this.index = positions;
            } else {
                this.index = null;
            }
        }

        RuleConsideration consider(TargetMatch match, UserIdentity user, Computer computer,
                                   Permission permission, Instant now) {
            return new RuleConsideration(rule.id(), rule.description(), rule.target(), match,
                    status(computer, now), matchingEntries(user, permission));
        }

        private RuleStatus status(Computer computer, Instant now) {
            if (!rule.enabled()) {
                return RuleStatus.DISABLED;
            }
            if (rule.expiresAt() != null && !now.isBefore(rule.expiresAt())) {
                return RuleStatus.EXPIRED;
            }
            // A deleted computer's own rules stop applying, as rules on a deleted group do; its tenant's and
            // directory's rules still decide who may read the keys it left behind.
            if (rule.target().kind() == TargetKind.COMPUTER && computer.deleted()
                    && rule.target().id().equals(computer.placement().deviceId())) {
                return RuleStatus.TARGET_DELETED;
            }
            return RuleStatus.ACTIVE;
        }

        private List<EntryMatch> matchingEntries(UserIdentity user, Permission permission) {
            List<EntryMatch> matches = null;
            if (index == null || keys.length <= user.size()) {
                for (int i = 0; i < keys.length; i++) {
                    matches = addIfNamed(matches, i, user.find(keys[i]), permission);
                }
            } else {
                List<Integer> positions = new ArrayList<>();
                for (Map.Entry<PrincipalKey, ?> principal : user.principals()) {
                    for (int i : index.getOrDefault(principal.getKey(), new int[0])) {
                        positions.add(i);
                    }
                }
                positions.sort(null);
                for (int i : positions) {
                    matches = addIfNamed(matches, i, user.find(keys[i]), permission);
                }
            }
            return matches == null ? List.of() : matches;
        }

        private List<EntryMatch> addIfNamed(List<EntryMatch> matches, int position,
                                            PrincipalRef through, Permission permission) {
            if (through == null) {
                return matches;
            }
            List<EntryMatch> list = matches == null ? new ArrayList<>(2) : matches;
            AccessControlEntry entry = rule.acl().get(position);
            list.add(new EntryMatch(entry, through, through.kind() == PrincipalKind.GROUP, entry.covers(permission)));
            return list;
        }
    }
}
