package org.ams.authz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DeviceState;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.signin.AuthenticatedUser;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the decision benchmark for the goal, a user in 200 groups against 10,000 rules over 50,000
 * devices, p99 under 1 ms warm. Measures the evaluation of the in-memory snapshot, including turning the signed-in
 * user into the principals it matches; the three indexed database reads of a decision in the server (the generation
 * counter, the device and its groups) are not part of it. Run it with
 * <pre>
 * mvn -B -pl ams-ejb -am test -Dtest=DecisionBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (the name does not end in Test, so {@code mvn verify} leaves it out).
 */
class DecisionBenchmark {

    private static final int TENANTS = 10;
    private static final int DIRECTORIES_PER_TENANT = 2;
    private static final int GROUPS_PER_TENANT = 100;
    private static final int DEVICES = 50_000;
    private static final int RULES = 10_000;
    private static final int USER_GROUPS = 200;
    private static final int GROUP_POOL = 5_000;
    private static final int USER_POOL = 20_000;
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 300_000;

    @Test
    void decisionsForAUserIn200GroupsAgainst10000RulesOver50000Devices() {
        Random random = new Random(42);
        String source = "ldap:" + UUID.randomUUID();
        PrincipalRef[] groupPool = new PrincipalRef[GROUP_POOL];
        for (int i = 0; i < GROUP_POOL; i++) {
            groupPool[i] = PrincipalRef.group(source, UUID.randomUUID().toString(), "Group " + i);
        }
        PrincipalRef[] userPool = new PrincipalRef[USER_POOL];
        for (int i = 0; i < USER_POOL; i++) {
            userPool[i] = PrincipalRef.user(source, UUID.randomUUID().toString(), "user" + i);
        }

        UUID[] tenants = new UUID[TENANTS];
        Map<UUID, UUID> allDevices = new HashMap<>();
        UUID[][] directories = new UUID[TENANTS][DIRECTORIES_PER_TENANT];
        UUID[][] groups = new UUID[TENANTS][GROUPS_PER_TENANT];
        for (int t = 0; t < TENANTS; t++) {
            tenants[t] = UUID.randomUUID();
            allDevices.put(tenants[t], UUID.randomUUID());
            for (int d = 0; d < DIRECTORIES_PER_TENANT; d++) {
                directories[t][d] = UUID.randomUUID();
            }
            for (int g = 0; g < GROUPS_PER_TENANT; g++) {
                groups[t][g] = UUID.randomUUID();
            }
        }
        DevicePlacement[] devices = new DevicePlacement[DEVICES];
        for (int i = 0; i < DEVICES; i++) {
            int t = i % TENANTS;
            Set<UUID> memberOf = new HashSet<>();
            int count = random.nextInt(5); // 0 to 4 static groups, 2 on average
            while (memberOf.size() < count) {
                memberOf.add(groups[t][random.nextInt(GROUPS_PER_TENANT)]);
            }
            devices[i] = new DevicePlacement(UUID.randomUUID(), tenants[t],
                    directories[t][random.nextInt(DIRECTORIES_PER_TENANT)], memberOf);
        }

        // The signed-in user: their groups arrive resolved (nested ones included) from sign-in.
        Set<PrincipalRef> userGroups = new HashSet<>();
        while (userGroups.size() < USER_GROUPS) {
            userGroups.add(groupPool[random.nextInt(GROUP_POOL)]);
        }
        AuthenticatedUser user = new AuthenticatedUser(userPool[0], userGroups, Set.of(Role.HELPDESK));

        List<RuleTarget> targets = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            targets.add(RuleTarget.tenant(tenants[t]));
            targets.add(RuleTarget.deviceGroup(allDevices.get(tenants[t])));
            for (UUID directory : directories[t]) {
                targets.add(RuleTarget.directory(directory));
            }
            for (UUID group : groups[t]) {
                targets.add(RuleTarget.deviceGroup(group));
                targets.add(RuleTarget.deviceGroup(group));
            }
        }
        while (targets.size() < RULES) {
            targets.add(RuleTarget.computer(devices[random.nextInt(DEVICES)].deviceId()));
        }
        List<RuleSnapshot.Rule> rules = new ArrayList<>();
        Permission[] permissions = Permission.values();
        for (RuleTarget target : targets) {
            // Most ACLs are short; one in a hundred lists a hundred principals.
            int entries = random.nextInt(100) == 0 ? 100 : 1 + random.nextInt(6);
            Map<PrincipalRef, Access> used = new HashMap<>();
            List<AccessControlEntry> acl = new ArrayList<>();
            while (acl.size() < entries) {
                PrincipalRef principal = random.nextInt(10) < 7 ? groupPool[random.nextInt(GROUP_POOL)]
                        : userPool[random.nextInt(USER_POOL)];
                Access access = random.nextInt(10) == 0 ? Access.DENY : Access.ALLOW;
                if (used.putIfAbsent(principal, access) != null) {
                    continue;
                }
                Set<Permission> granted = EnumSet.of(permissions[random.nextInt(permissions.length)]);
                if (random.nextBoolean()) {
                    granted.add(permissions[random.nextInt(permissions.length)]);
                }
                acl.add(new AccessControlEntry(principal, access, granted));
            }
            rules.add(new RuleSnapshot.Rule(UUID.randomUUID(), target, "Rule " + rules.size(), random.nextInt(20) != 0,
                    null, acl));
        }

        long buildStart = System.nanoTime();
        RuleSnapshot snapshot = RuleSnapshot.of(1, rules, allDevices);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

        Instant now = Instant.now();
        int[] order = random.ints(WARM_UP + MEASURED, 0, DEVICES).toArray();
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += snapshot.decide(UserIdentity.of(user), devices[order[i]], DeviceState.APPROVED, permissions[i & 1],
                    now).explanation()
                    .size();
        }
        long[] nanos = new long[MEASURED];
        Map<ResultCode, Integer> results = new EnumMap<>(ResultCode.class);
        long considered = 0;
        int mostConsidered = 0;
        for (int i = 0; i < MEASURED; i++) {
            DevicePlacement device = devices[order[WARM_UP + i]];
            long start = System.nanoTime();
            Decision decision = snapshot.decide(UserIdentity.of(user), device, DeviceState.APPROVED,
                    permissions[i & 1], now);
            nanos[i] = System.nanoTime() - start;
            results.merge(decision.result(), 1, Integer::sum);
            considered += decision.explanation().size();
            mostConsidered = Math.max(mostConsidered, decision.explanation().size());
        }
        Arrays.sort(nanos);
        System.out.printf("Snapshot of %,d rules over %,d devices built in %d ms%n", snapshot.size(), DEVICES,
                buildMillis);
        System.out.printf("User in %d groups; %,d decisions after %,d warm-up ones (checksum %d)%n", USER_GROUPS,
                MEASURED, WARM_UP, sink % 10);
        System.out.printf("Rules considered per decision: %.1f on average, %d at most%n",
                (double) considered / MEASURED, mostConsidered);
        System.out.println("Results: " + results);
        System.out.printf("Per decision: p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99), micros(nanos, 0.999),
                nanos[nanos.length - 1] / 1000.0);
        System.out.println(micros(nanos, 0.99) < 1000 ? "Goal p99 < 1 ms: met" : "Goal p99 < 1 ms: NOT met");
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }
}
