package org.ams.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.DeviceState;
import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Permission PASSWORD = Permission.READ_BITLOCKER_RECOVERY_PASSWORD;
    private static final Permission METADATA = Permission.READ_BITLOCKER_KEY_METADATA;
    private static final String LDAP = "ldap:7d1c0b7e-5a53-4e2a-9b1a-0e6f1f0c2a11";

    private final UUID tenant = UUID.randomUUID();
    private final UUID otherTenant = UUID.randomUUID();
    private final UUID directory = UUID.randomUUID();
    private final UUID allDevices = UUID.randomUUID();
    private final UUID otherAllDevices = UUID.randomUUID();
    private final UUID laptops = UUID.randomUUID();
    private final UUID servers = UUID.randomUUID();
    private final UUID computer = UUID.randomUUID();
    private final DevicePlacement laptop = new DevicePlacement(computer, tenant, directory, Set.of(laptops));

    private final PrincipalRef alice = PrincipalRef.user(LDAP, "guid-alice", "alice");
    private final PrincipalRef helpdesk = PrincipalRef.group(LDAP, "guid-helpdesk", "Helpdesk");
    /** A group Alice is in only through Helpdesk; sign-in has already resolved the nesting. */
    private final PrincipalRef itStaff = PrincipalRef.group(LDAP, "guid-it-staff", "IT staff");
    private final PrincipalRef contractors = PrincipalRef.group(LDAP, "guid-contractors", "Contractors");
    private final UserIdentity aliceWithGroups = new UserIdentity(alice, List.of(helpdesk, itStaff));

    private final List<RuleSnapshot.Rule> rules = new ArrayList<>();

    private RuleSnapshot.Rule rule(String description, RuleTarget target, AccessControlEntry... acl) {
        return rule(description, target, true, null, acl);
    }

    private RuleSnapshot.Rule rule(String description, RuleTarget target, boolean enabled, Instant expiresAt,
                                   AccessControlEntry... acl) {
        RuleSnapshot.Rule rule = new RuleSnapshot.Rule(UUID.randomUUID(), target, description, enabled, expiresAt,
                List.of(acl));
        rules.add(rule);
        return rule;
    }

    private Decision decide(UserIdentity user, DevicePlacement device, Permission permission) {
        return decide(user, device, DeviceState.APPROVED, permission);
    }

    private Decision decide(UserIdentity user, DevicePlacement device, DeviceState state, Permission permission) {
        return snapshot().decide(user, device, state, permission, NOW);
    }

    private Decision decide() {
        return decide(aliceWithGroups, laptop, PASSWORD);
    }

    private RuleSnapshot snapshot() {
        return RuleSnapshot.of(7, rules, Map.of(tenant, allDevices, otherTenant, otherAllDevices));
    }

    @Nested
    @DisplayName("Result codes")
    class ResultCodes {

        @Test
        void noRuleAboutTheComputerIsNoMatchingRuleForTarget() {
            rule("Other tenant", RuleTarget.tenant(otherTenant), AccessControlEntry.allow(alice, PASSWORD));
            rule("Servers", RuleTarget.deviceGroup(servers), AccessControlEntry.allow(alice, PASSWORD));

            Decision decision = decide();

            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decision.result());
            assertTrue(decision.grantingRule().isEmpty());
            assertTrue(decision.explanation().isEmpty(), "rules about other computers are not considered");
        }

        @Test
        void rulesAboutTheComputerThatDoNotNameTheUserAreNoMatchingRuleForUser() {
            rule("Laptops for contractors", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(contractors,
                    PASSWORD));

            Decision decision = decide();

            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, decision.result());
            RuleConsideration considered = decision.explanation().get(0);
            assertEquals(TargetMatch.STATIC_GROUP_OF_THE_COMPUTER, considered.targetMatch());
            assertTrue(considered.applied());
            assertTrue(considered.matchingEntries().isEmpty());
        }

        @Test
        void anEntryForAnotherPermissionDoesNotGrant() {
            rule("Laptop metadata", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(alice, METADATA));

            Decision decision = decide();

            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, decision.result());
            EntryMatch match = decision.explanation().get(0).matchingEntries().get(0);
            assertFalse(match.coversPermission(), "the entry names Alice but not this permission");
            assertEquals(ResultCode.SUCCESS, decide(aliceWithGroups, laptop, METADATA).result());
        }

        @Test
        void aMatchingAllowIsSuccessNamingTheRule() {
            RuleSnapshot.Rule granting = rule("Helpdesk reads laptops", RuleTarget.deviceGroup(laptops),
                    AccessControlEntry.allow(helpdesk, PASSWORD, METADATA));

            Decision decision = decide();

            assertEquals(ResultCode.SUCCESS, decision.result());
            assertTrue(decision.granted());
            assertEquals(granting.id(), decision.grantingRule().orElseThrow().ruleId());
            assertEquals("Helpdesk reads laptops", decision.grantingRule().orElseThrow().description());
        }

        @Test
        void aMatchingDenyIsExplicitlyDenied() {
            RuleSnapshot.Rule denying = rule("No contractors, no IT staff", RuleTarget.tenant(tenant),
                    AccessControlEntry.deny(itStaff, PASSWORD));

            Decision decision = decide();

            assertEquals(ResultCode.EXPLICITLY_DENIED, decision.result());
            assertEquals(denying.id(), decision.denyingRule().orElseThrow().ruleId());
            assertTrue(decision.grantingRule().isEmpty());
        }
    }

    @Nested
    @DisplayName("Deny wins, the most specific granting rule is named")
    class Precedence {

        @Test
        @DisplayName("A Deny in a broad rule beats an Allow for the computer itself")
        void denyInAnyRuleWins() {
            rule("Alice may read this laptop", RuleTarget.computer(computer), AccessControlEntry.allow(alice, PASSWORD));
            RuleSnapshot.Rule denying = rule("Helpdesk may not read passwords in this tenant",
                    RuleTarget.tenant(tenant), AccessControlEntry.deny(helpdesk, PASSWORD));

            Decision decision = decide();

            assertEquals(ResultCode.EXPLICITLY_DENIED, decision.result());
            assertEquals(denying.id(), decision.denyingRule().orElseThrow().ruleId());
        }

        @Test
        void aDenyInTheSameRuleAsAnAllowWins() {
            rule("Mixed", RuleTarget.directory(directory), AccessControlEntry.allow(helpdesk, PASSWORD),
                    AccessControlEntry.deny(alice, PASSWORD));

            assertEquals(ResultCode.EXPLICITLY_DENIED, decide().result());
        }

        @Test
        void aDenyForAnotherPermissionDoesNotDeny() {
            rule("Allow passwords", RuleTarget.tenant(tenant), AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("Deny metadata", RuleTarget.tenant(tenant), AccessControlEntry.deny(helpdesk, METADATA));

            assertEquals(ResultCode.SUCCESS, decide().result());
            assertEquals(ResultCode.EXPLICITLY_DENIED, decide(aliceWithGroups, laptop, METADATA).result());
        }

        @Test
        @DisplayName("Computer > device group > directory > tenant")
        void theMostSpecificGrantingRuleIsNamed() {
            rule("Tenant", RuleTarget.tenant(tenant), AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("Directory", RuleTarget.directory(directory), AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("All devices", RuleTarget.deviceGroup(allDevices), AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("Laptops", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("This laptop", RuleTarget.computer(computer), AccessControlEntry.allow(alice, PASSWORD));
            assertEquals("This laptop", decide().grantingRule().orElseThrow().description());

            rules.removeIf(rule -> rule.description().equals("This laptop"));
            assertEquals("Laptops", decide().grantingRule().orElseThrow().description(),
                    "a group the device was put in is more specific than its tenant's All devices");
            rules.removeIf(rule -> rule.description().equals("Laptops"));
            assertEquals("All devices", decide().grantingRule().orElseThrow().description());
            rules.removeIf(rule -> rule.description().equals("All devices"));
            assertEquals("Directory", decide().grantingRule().orElseThrow().description());
            rules.removeIf(rule -> rule.description().equals("Directory"));
            assertEquals("Tenant", decide().grantingRule().orElseThrow().description());
        }

        @Test
        void aMoreSpecificRuleThatDoesNotGrantIsNotNamed() {
            rule("Tenant helpdesk", RuleTarget.tenant(tenant), AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("Laptop metadata only", RuleTarget.computer(computer), AccessControlEntry.allow(alice, METADATA));

            assertEquals("Tenant helpdesk", decide().grantingRule().orElseThrow().description());
        }

        @Test
        void theExplanationListsEveryRuleAboutTheComputerMostSpecificFirst() {
            rule("Tenant", RuleTarget.tenant(tenant), AccessControlEntry.allow(contractors, PASSWORD));
            rule("Laptop", RuleTarget.computer(computer), AccessControlEntry.allow(contractors, PASSWORD));
            rule("Directory", RuleTarget.directory(directory), AccessControlEntry.allow(helpdesk, PASSWORD));

            List<String> order = decide().explanation().stream().map(RuleConsideration::description).toList();

            assertEquals(List.of("Laptop", "Directory", "Tenant"), order);
        }
    }

    @Nested
    @DisplayName("Rules that are disabled or expired take no part")
    class Lifecycle {

        @Test
        void aDisabledRuleNeitherGrantsNorDeniesNorCountsAsTargeting() {
            rule("Disabled allow", RuleTarget.tenant(tenant), false, null, AccessControlEntry.allow(alice, PASSWORD));
            rule("Disabled deny", RuleTarget.computer(computer), false, null, AccessControlEntry.deny(alice, PASSWORD));

            Decision decision = decide();

            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decision.result());
            assertEquals(2, decision.explanation().size(), "still shown, to explain the decision");
            assertTrue(decision.explanation().stream().allMatch(c -> c.status() == RuleStatus.DISABLED));
        }

        @Test
        void anExpiredRuleNoLongerGrantsAndAnUnexpiredOneStillDoes() {
            rule("Expired a second ago", RuleTarget.tenant(tenant), true, NOW.minusSeconds(1),
                    AccessControlEntry.allow(alice, PASSWORD));
            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide().result());
            assertEquals(RuleStatus.EXPIRED, decide().explanation().get(0).status());

            rule("Expires tomorrow", RuleTarget.tenant(tenant), true, NOW.plus(Duration.ofDays(1)),
                    AccessControlEntry.allow(alice, PASSWORD));
            assertEquals("Expires tomorrow", decide().grantingRule().orElseThrow().description());
        }

        @Test
        void anExpiredDenyNoLongerDenies() {
            rule("Allow", RuleTarget.tenant(tenant), AccessControlEntry.allow(alice, PASSWORD));
            rule("Deny until now", RuleTarget.computer(computer), true, NOW, AccessControlEntry.deny(alice, PASSWORD));

            assertEquals(ResultCode.SUCCESS, decide().result());
        }
    }

    @Nested
    @DisplayName("Each target kind contains the computers it should")
    class Targets {

        @Test
        void tenantDirectoryGroupsAndComputerEachGrant() {
            for (RuleTarget target : List.of(RuleTarget.tenant(tenant), RuleTarget.directory(directory),
                    RuleTarget.deviceGroup(laptops), RuleTarget.deviceGroup(allDevices), RuleTarget.computer(computer))) {
                rules.clear();
                rule(target.kind().label(), target, AccessControlEntry.allow(alice, PASSWORD));

                assertEquals(ResultCode.SUCCESS, decide().result(), target.toString());
            }
        }

        @Test
        void theTargetMatchSaysHowTheRuleReachesTheComputer() {
            rule("t", RuleTarget.tenant(tenant), AccessControlEntry.allow(alice, PASSWORD));
            rule("d", RuleTarget.directory(directory), AccessControlEntry.allow(alice, PASSWORD));
            rule("g", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(alice, PASSWORD));
            rule("a", RuleTarget.deviceGroup(allDevices), AccessControlEntry.allow(alice, PASSWORD));
            rule("c", RuleTarget.computer(computer), AccessControlEntry.allow(alice, PASSWORD));

            List<TargetMatch> matches = decide().explanation().stream().map(RuleConsideration::targetMatch).toList();

            assertEquals(List.of(TargetMatch.THE_COMPUTER_ITSELF, TargetMatch.STATIC_GROUP_OF_THE_COMPUTER,
                    TargetMatch.ALL_DEVICES_GROUP_OF_ITS_TENANT, TargetMatch.DIRECTORY_OF_THE_COMPUTER,
                    TargetMatch.TENANT_OF_THE_COMPUTER), matches);
        }

        @Test
        void rulesOfOtherGroupsTenantsDirectoriesAndComputersDoNotReachIt() {
            rule("Servers", RuleTarget.deviceGroup(servers), AccessControlEntry.allow(alice, PASSWORD));
            rule("Other All devices", RuleTarget.deviceGroup(otherAllDevices), AccessControlEntry.allow(alice, PASSWORD));
            rule("Other tenant", RuleTarget.tenant(otherTenant), AccessControlEntry.allow(alice, PASSWORD));
            rule("Other directory", RuleTarget.directory(UUID.randomUUID()), AccessControlEntry.allow(alice, PASSWORD));
            rule("Other computer", RuleTarget.computer(UUID.randomUUID()), AccessControlEntry.allow(alice, PASSWORD));

            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide().result());
        }

        @Test
        void everyDeviceOfTheTenantIsInAllDevicesWithoutBeingPutThere() {
            rule("All devices", RuleTarget.deviceGroup(allDevices), AccessControlEntry.allow(alice, PASSWORD));
            DevicePlacement inNoGroup = new DevicePlacement(UUID.randomUUID(), tenant, directory, Set.of());

            assertEquals(ResultCode.SUCCESS, decide(aliceWithGroups, inNoGroup, DeviceState.PENDING, PASSWORD)
                    .result());
        }

        @Test
        @DisplayName("A deleted computer: its own rules and All devices stop applying, its directory's and tenant's do not")
        void aDeletedComputerKeepsOnlyItsDirectoryAndTenantRules() {
            rule("This laptop", RuleTarget.computer(computer), AccessControlEntry.allow(alice, PASSWORD));
            rule("All devices", RuleTarget.deviceGroup(allDevices), AccessControlEntry.allow(alice, PASSWORD));
            DevicePlacement deleted = new DevicePlacement(computer, tenant, directory, Set.of());

            Decision decision = decide(aliceWithGroups, deleted, DeviceState.DELETED, PASSWORD);
            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decision.result());
            assertEquals(RuleStatus.TARGET_DELETED, decision.explanation().get(0).status());

            rule("Tenant", RuleTarget.tenant(tenant), AccessControlEntry.allow(alice, PASSWORD));
            assertEquals("Tenant", decide(aliceWithGroups, deleted, DeviceState.DELETED, PASSWORD).grantingRule()
                    .orElseThrow().description());
        }
    }

    @Nested
    @DisplayName("Principals match by source and stable id, directly or through nested groups")
    class Principals {

        @Test
        void aGroupTheUserIsInOnlyThroughNestingMatchesAndTheExplanationSaysThroughWhichGroup() {
            rule("IT staff", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(itStaff, PASSWORD));

            Decision decision = decide();

            assertEquals(ResultCode.SUCCESS, decision.result());
            EntryMatch match = decision.grantingRule().orElseThrow().matchingEntries().get(0);
            assertTrue(match.viaGroup());
            assertTrue(match.matchedThrough().sameAs(itStaff));
        }

        @Test
        void theUserMatchesThemselves() {
            rule("Alice", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(alice, PASSWORD));

            EntryMatch match = decide().grantingRule().orElseThrow().matchingEntries().get(0);

            assertFalse(match.viaGroup());
            assertTrue(match.matchedThrough().sameAs(alice));
        }

        @Test
        void aRenamedGroupStillMatchesByItsStableId() {
            PrincipalRef renamed = PrincipalRef.group(LDAP, helpdesk.id(), "Service desk (renamed)");
            rule("Service desk", RuleTarget.tenant(tenant), AccessControlEntry.allow(renamed, PASSWORD));

            assertEquals(ResultCode.SUCCESS, decide().result());
        }

        @Test
        void aPrincipalWithTheSameNameButAnotherIdOrSourceDoesNotMatch() {
            PrincipalRef namesake = PrincipalRef.group(LDAP, "guid-someone-else", "Helpdesk");
            PrincipalRef otherSource = PrincipalRef.group("local", helpdesk.id(), "Helpdesk");
            PrincipalRef userWithGroupId = PrincipalRef.user(LDAP, helpdesk.id(), "Helpdesk");
            rule("Namesakes", RuleTarget.tenant(tenant), AccessControlEntry.allow(namesake, PASSWORD),
                    AccessControlEntry.allow(otherSource, PASSWORD), AccessControlEntry.allow(userWithGroupId, PASSWORD));

            assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, decide().result());
        }

        @Test
        void aLongAclIsSearchedByPrincipalWithTheSameOutcome() {
            List<AccessControlEntry> acl = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                acl.add(AccessControlEntry.allow(PrincipalRef.group(LDAP, "guid-" + i, "Group " + i), PASSWORD));
            }
            acl.add(AccessControlEntry.deny(itStaff, PASSWORD));
            acl.add(AccessControlEntry.allow(helpdesk, PASSWORD));
            rule("Long", RuleTarget.tenant(tenant), acl.toArray(AccessControlEntry[]::new));

            Decision decision = decide();

            assertEquals(ResultCode.EXPLICITLY_DENIED, decision.result());
            List<EntryMatch> matches = decision.explanation().get(0).matchingEntries();
            assertEquals(List.of(Access.DENY, Access.ALLOW), matches.stream().map(m -> m.entry().access()).toList(),
                    "in ACL order");
        }
    }

    @Test
    @DisplayName("explain() also shows the rules naming the user that are about other computers")
    void explainAddsRulesThatNameTheUserElsewhere() {
        rule("Servers for helpdesk", RuleTarget.deviceGroup(servers), AccessControlEntry.allow(helpdesk, PASSWORD));
        rule("Laptops for contractors", RuleTarget.deviceGroup(laptops), AccessControlEntry.allow(contractors, PASSWORD));
        rule("Unrelated", RuleTarget.deviceGroup(servers), AccessControlEntry.allow(contractors, PASSWORD));

        Decision brief = snapshot().decide(aliceWithGroups, laptop, DeviceState.APPROVED, PASSWORD, NOW);
        Decision explained = snapshot().explain(aliceWithGroups, laptop, DeviceState.APPROVED, PASSWORD, NOW);

        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, explained.result());
        assertEquals(brief.result(), explained.result());
        assertEquals(List.of("Laptops for contractors"),
                brief.explanation().stream().map(RuleConsideration::description).toList());
        assertEquals(List.of("Laptops for contractors", "Servers for helpdesk"),
                explained.explanation().stream().map(RuleConsideration::description).toList());
        RuleConsideration elsewhere = explained.explanation().get(1);
        assertEquals(TargetMatch.DOES_NOT_CONTAIN_THE_COMPUTER, elsewhere.targetMatch());
        assertFalse(elsewhere.applied());
    }
}
