package org.ams.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.devices.TargetKind;
import org.ams.protocol.wire.AgentPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompiledPoliciesTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID OTHER_TENANT = UUID.randomUUID();
    private static final UUID DIRECTORY = UUID.randomUUID();
    private static final UUID LAPTOPS = UUID.randomUUID();
    private static final UUID FINANCE = UUID.randomUUID();
    private static final UUID ALL_DEVICES = UUID.randomUUID();
    private static final UUID PC = UUID.randomUUID();

    private static final AgentPolicy DEFAULT_SETTINGS = new AgentPolicy(60, true, true, true);
    private static final CompiledPolicies.Compiled DEFAULT = CompiledPolicies.Compiled.defaultPolicy(UUID.randomUUID(),
            "Default policy", DEFAULT_SETTINGS);

    private final DevicePlacement laptopInFinance = new DevicePlacement(PC, TENANT, DIRECTORY, Set.of(LAPTOPS, FINANCE));

    @Test
    @DisplayName("No custom policy targets the device: the default applies, through no target")
    void defaultWhenNothingMatches() {
        CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(
                custom("Other tenant", true, target(TargetKind.TENANT, OTHER_TENANT))));

        CompiledPolicies.Resolution resolution = policies.resolve(laptopInFinance);

        assertTrue(resolution.policy().defaultPolicy());
        assertEquals(DEFAULT_SETTINGS, resolution.settings());
        assertNull(resolution.matchedTarget());
    }

    @Test
    @DisplayName("The first enabled policy in list order wins, not the most specific target")
    void firstMatchInListOrder() {
        CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(
                custom("Whole tenant", true, target(TargetKind.TENANT, TENANT)),
                custom("This computer", true, target(TargetKind.COMPUTER, PC))));

        CompiledPolicies.Resolution resolution = policies.resolve(laptopInFinance);

        assertEquals("Whole tenant", resolution.policy().name());
        assertEquals(target(TargetKind.TENANT, TENANT), resolution.matchedTarget());
    }

    @Test
    @DisplayName("A disabled policy is skipped; the next one that targets the device applies")
    void disabledPolicySkipped() {
        CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(
                custom("Finance (paused)", false, target(TargetKind.DEVICE_GROUP, FINANCE)),
                custom("Laptops", true, target(TargetKind.DEVICE_GROUP, LAPTOPS))));

        assertEquals("Laptops", policies.resolve(laptopInFinance).policy().name());
    }

    @Test
    @DisplayName("Each target kind contains the device: tenant, directory, device group and computer")
    void everyTargetKind() {
        for (TargetKey key : List.of(target(TargetKind.TENANT, TENANT), target(TargetKind.DIRECTORY, DIRECTORY),
                target(TargetKind.DEVICE_GROUP, FINANCE), target(TargetKind.COMPUTER, PC))) {
            CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(custom("By " + key.kind(), true, key)));

            CompiledPolicies.Resolution resolution = policies.resolve(laptopInFinance);

            assertEquals("By " + key.kind(), resolution.policy().name());
            assertEquals(key, resolution.matchedTarget());
        }
    }

    @Test
    @DisplayName("Targets of the same kind but another id do not contain the device")
    void otherIdsDoNotMatch() {
        CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(
                custom("Another directory", true, target(TargetKind.DIRECTORY, UUID.randomUUID())),
                custom("Another group", true, target(TargetKind.DEVICE_GROUP, UUID.randomUUID())),
                custom("Another computer", true, target(TargetKind.COMPUTER, UUID.randomUUID()))));

        assertTrue(policies.resolve(laptopInFinance).policy().defaultPolicy());
    }

    @Test
    @DisplayName("A policy with several targets applies when any one of them contains the device")
    void anyTargetOfAPolicy() {
        CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(
                custom("Mixed", true, target(TargetKind.COMPUTER, UUID.randomUUID()),
                        target(TargetKind.DEVICE_GROUP, LAPTOPS))));

        CompiledPolicies.Resolution resolution = policies.resolve(laptopInFinance);

        assertEquals("Mixed", resolution.policy().name());
        assertEquals(target(TargetKind.DEVICE_GROUP, LAPTOPS), resolution.matchedTarget());
    }

    @Test
    @DisplayName("A tenant's \"All devices\" group is compiled as the tenant: it holds every device of the tenant")
    void allDevicesGroupMatchesAsItsTenant() {
        TargetKey effective = PolicyResolver.effectiveTarget(new PolicyTarget(TargetKind.DEVICE_GROUP, ALL_DEVICES),
                Map.of(ALL_DEVICES, TENANT));
        TargetKey ordinaryGroup = PolicyResolver.effectiveTarget(new PolicyTarget(TargetKind.DEVICE_GROUP, FINANCE),
                Map.of(ALL_DEVICES, TENANT));

        assertEquals(target(TargetKind.TENANT, TENANT), effective);
        assertEquals(target(TargetKind.DEVICE_GROUP, FINANCE), ordinaryGroup);
        assertTrue(laptopInFinance.isIn(effective.kind(), effective.id()));
        assertFalse(new DevicePlacement(UUID.randomUUID(), OTHER_TENANT, UUID.randomUUID(), Set.of())
                .isIn(effective.kind(), effective.id()));
    }

    @Test
    @DisplayName("The settings of the winning policy are what the device gets")
    void settingsOfTheWinner() {
        AgentPolicy osOnly = new AgentPolicy(15, true, false, false);
        CompiledPolicies policies = new CompiledPolicies(1, DEFAULT, List.of(new CompiledPolicies.Custom(
                CompiledPolicies.Compiled.custom(UUID.randomUUID(), "OS only", osOnly), true,
                List.of(target(TargetKind.COMPUTER, PC)))));

        assertEquals(osOnly, policies.resolve(laptopInFinance).settings());
    }

    private static CompiledPolicies.Custom custom(String name, boolean enabled, TargetKey... targets) {
        return new CompiledPolicies.Custom(CompiledPolicies.Compiled.custom(UUID.randomUUID(), name,
                new AgentPolicy(60, false, false, false)), enabled, List.of(targets));
    }

    private static TargetKey target(TargetKind kind, UUID id) {
        return new TargetKey(kind, id);
    }
}
