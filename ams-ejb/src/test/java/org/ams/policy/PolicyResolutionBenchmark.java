package org.ams.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.devices.TargetKind;
import org.ams.protocol.wire.AgentPolicy;
import org.junit.jupiter.api.Test;

/**
 * Effective-policy resolution at the scale the issue names: 1,000 custom policies, 10,000 devices in 5,000 groups.
 * Prints p50, p99 and p99.9 of single resolutions once warm, and how many resolved to each kind of outcome (so a
 * benchmark where everything falls through to the default would show it). Its name keeps it out of the normal test
 * run; run it by hand (see README, Agent policies):
 * {@code mvn -B -q -pl ams-ejb -am test -Dtest=PolicyResolutionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class PolicyResolutionBenchmark {

    private static final int POLICIES = 1_000;
    private static final int DEVICES = 10_000;
    private static final int GROUPS = 5_000;
    private static final int TENANTS = 5;
    private static final int WARM_UP = 2_000_000;
    private static final int MEASURED = 1_000_000;

    @Test
    void resolveAtScale() {
        Random random = new Random(42);
        UUID[] tenants = ids(TENANTS);
        UUID[] directories = ids(TENANTS);
        UUID[] groups = ids(GROUPS);
        List<DevicePlacement> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            int tenant = random.nextInt(TENANTS);
            Set<UUID> memberOf = new HashSet<>();
            int count = 1 + random.nextInt(4);
            for (int g = 0; g < count; g++) {
                memberOf.add(groups[random.nextInt(GROUPS)]);
            }
            devices.add(new DevicePlacement(UUID.randomUUID(), tenants[tenant], directories[tenant], memberOf));
        }
        List<CompiledPolicies.Custom> custom = new ArrayList<>();
        for (int p = 0; p < POLICIES; p++) {
            List<TargetKey> targets = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                targets.add(new TargetKey(TargetKind.DEVICE_GROUP, groups[random.nextInt(GROUPS)]));
            }
            for (int t = 0; t < 3; t++) {
                targets.add(new TargetKey(TargetKind.COMPUTER, devices.get(random.nextInt(DEVICES)).deviceId()));
            }
            if (p == POLICIES - 1) {
                targets.add(new TargetKey(TargetKind.TENANT, tenants[0]));
            }
            custom.add(new CompiledPolicies.Custom(CompiledPolicies.Compiled.custom(UUID.randomUUID(), "Policy " + p,
                    new AgentPolicy(60, p % 2 == 0, p % 3 == 0, false)), p % 10 != 0, targets));
        }
        CompiledPolicies policies = new CompiledPolicies(1, CompiledPolicies.Compiled.defaultPolicy(UUID.randomUUID(),
                "Default policy", new AgentPolicy(60, true, true, true)), custom);

        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += policies.resolve(devices.get(i % DEVICES)).policy().rank();
        }
        long[] nanos = new long[MEASURED];
        int byDefault = 0;
        for (int i = 0; i < MEASURED; i++) {
            DevicePlacement device = devices.get(random.nextInt(DEVICES));
            long start = System.nanoTime();
            CompiledPolicies.Resolution resolution = policies.resolve(device);
            nanos[i] = System.nanoTime() - start;
            if (resolution.policy().defaultPolicy()) {
                byDefault++;
            }
            sink += resolution.policy().rank();
        }
        assertTrue(byDefault > 0 && byDefault < MEASURED, "both custom policies and the default were resolved");
        Arrays.sort(nanos);
        System.out.printf("Effective policy: %,d custom policies, %,d devices in %,d groups, %,d resolutions%n",
                POLICIES, DEVICES, GROUPS, MEASURED);
        System.out.printf("  p50 %.4f ms, p99 %.4f ms, p99.9 %.4f ms (goal: p99 under 0.1 ms)%n",
                nanos[MEASURED / 2] / 1e6, nanos[(int) (MEASURED * 0.99)] / 1e6, nanos[(int) (MEASURED * 0.999)] / 1e6);
        System.out.printf("  %,d resolved to a custom policy, %,d to the default (checksum %d)%n",
                MEASURED - byDefault, byDefault, sink);
    }

    private static UUID[] ids(int count) {
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
        }
        return ids;
    }
}
