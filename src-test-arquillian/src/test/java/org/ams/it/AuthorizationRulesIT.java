package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequestException;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettingsService;
import org.ams.access.RateLimits;
import org.ams.access.VisibleComputers;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.AuthorizationRuleException.Reason;
import org.ams.authz.AuthorizationRuleException;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Decision;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleOverview;
import org.ams.authz.RuleStatus;
import org.ams.authz.RuleTarget;
import org.ams.authz.TargetMatch;
import org.ams.dashboard.Dashboard;
import org.ams.dashboard.DashboardSnapshot;
import org.ams.dashboard.EscrowDay;
import org.ams.dashboard.UncoveredDevice;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceState;
import org.ams.devices.TargetKind;
import org.ams.devices.Tenant;
import org.ams.identity.PrincipalRef;
import org.ams.identity.PrincipalStatus;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.local.LocalGroupService;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.policy.AgentPolicies;
import org.ams.policy.Platform;
import org.ams.policy.Policy;
import org.ams.policy.PolicyDraft;
import org.ams.policy.PolicyResolver;
import org.ams.policy.PolicyTarget;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authorization rules inside the running server, on its real database: rules made through the administrator's
 * service decide access to devices that registered through the agent registration service, every change counts
 * from the next decision on, refused changes leave nothing behind, and a stale edit is refused in words. The
 * dashboard's figures, aggregate queries over the same devices, are checked here too, because this class runs on
 * both databases.
 * <p>
 * Each test works in a tenant of its own, so the tests do not see each other's rules.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationRulesIT {

    private static final Permission PASSWORD = Permission.READ_BITLOCKER_RECOVERY_PASSWORD;
    private static final Permission METADATA = Permission.READ_BITLOCKER_KEY_METADATA;
    private static final String SOURCE = "ldap:6f9d2a9e-8a0b-4f4e-9a43-1b1f5d0c7e21";

    private final PrincipalRef alice = PrincipalRef.user(SOURCE, "guid-alice", "alice");
    private final PrincipalRef helpdesk = PrincipalRef.group(SOURCE, "guid-helpdesk", "Helpdesk");
    /** Alice is in it only through Helpdesk; sign-in resolves the nesting. */
    private final PrincipalRef itStaff = PrincipalRef.group(SOURCE, "guid-it-staff", "IT staff");
    private final PrincipalRef contractors = PrincipalRef.group(SOURCE, "guid-contractors", "Contractors");
    private final AuthenticatedUser signedInAlice = new AuthenticatedUser(alice, Set.of(helpdesk, itStaff),
            Set.of(Role.HELPDESK));

    @Inject
    private AsAdministrator admin;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AuthorizationDecisions decisions;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private AuditTrail audit;

    @Inject
    private Dashboard dashboard;

    @Inject
    private AgentPolicies policies;

    @Inject
    private PolicyResolver resolver;

    @Inject
    private LocalAccountService localAccounts;

    @Inject
    private LocalGroupService localGroups;

    @Inject
    private AccessRequests accessRequests;

    @Inject
    private VisibleComputers visibleComputers;

    @Inject
    private AccessSettingsService accessSettings;

    @Inject
    private SignedInCalls signedIn;

    @Resource
    private ManagedThreadFactory threads;

    @Resource(lookup = "java:app/jdbc/ams")
    private DataSource database;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @DisplayName("Tenant, directory, device group, All devices and computer rules decide; Deny wins; the most "
            + "specific grant is named")
    void rulesDecideForEachTargetKind() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Kinds " + suffix()));
        DeviceGroup laptops = as(() -> directory.createGroup(tenant.getId(), "Laptops", null));
        Device inLaptops = fixture.register(tenant, "PC-LAPTOP", laptops);
        Device inNoGroup = fixture.register(tenant, "PC-DESK");

        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide(inLaptops).result());

        RuleOverview groupRule = create(RuleTarget.deviceGroup(laptops.getId()), "Helpdesk reads laptops",
                AccessControlEntry.allow(helpdesk, PASSWORD, METADATA));
        assertGrantedBy(groupRule, decide(inLaptops));
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide(inNoGroup).result());

        RuleOverview computerRule = create(RuleTarget.computer(inNoGroup.getId()), "Contractors read the desk PC",
                AccessControlEntry.allow(contractors, PASSWORD));
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, decide(inNoGroup).result());

        RuleOverview directoryRule = create(RuleTarget.directory(as(() -> directory.amsDirectoryOf(tenant.getId()))
                .getId()), "IT staff reads the AMS directory", AccessControlEntry.allow(itStaff, PASSWORD));
        Decision viaNestedGroup = decide(inNoGroup);
        assertGrantedBy(directoryRule, viaNestedGroup);
        assertTrue(viaNestedGroup.grantingRule().orElseThrow().matchingEntries().get(0).matchedThrough()
                .sameAs(itStaff));

        UUID allDevices = as(() -> directory.groups()).stream()
                .filter(group -> group.getTenant().getId().equals(tenant.getId()) && group.isAllDevices())
                .findFirst().orElseThrow().getId();
        RuleOverview allDevicesRule = create(RuleTarget.deviceGroup(allDevices), "Alice reads every device",
                AccessControlEntry.allow(alice, PASSWORD));
        assertGrantedBy(allDevicesRule, decide(inNoGroup));
        assertGrantedBy(groupRule, decide(inLaptops), "a group it was put in is more specific than All devices");

        assertEquals(TargetMatch.THE_COMPUTER_ITSELF, decide(inNoGroup).explanation().get(0).targetMatch());
        assertEquals(computerRule.id(), decide(inNoGroup).explanation().get(0).ruleId());

        RuleOverview tenantDeny = create(RuleTarget.tenant(tenant.getId()), "No passwords for IT staff",
                AccessControlEntry.deny(itStaff, PASSWORD));
        Decision denied = decide(inLaptops);
        assertEquals(ResultCode.EXPLICITLY_DENIED, denied.result());
        assertEquals(tenantDeny.id(), denied.denyingRule().orElseThrow().ruleId());
        assertEquals(ResultCode.SUCCESS, decisions(inLaptops, METADATA).result(), "the Deny covers passwords only");
    }

    @Test
    @DisplayName("Agent policies on this database: targets of every kind are stored and read back, the first "
            + "matching enabled policy applies, a move and a disabled policy count at once")
    void agentPoliciesAreStoredAndResolved() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Policies " + suffix()));
        DeviceGroup laptops = as(() -> directory.createGroup(tenant.getId(), "Laptops", null));
        Device laptop = fixture.register(tenant, "POL-LAPTOP", laptops);
        Device desk = fixture.register(tenant, "POL-DESK");
        UUID amsDirectory = as(() -> directory.amsDirectoryOf(tenant.getId())).getId();
        List<PolicyTarget> everyKind = List.of(new PolicyTarget(TargetKind.TENANT, tenant.getId()),
                new PolicyTarget(TargetKind.DIRECTORY, amsDirectory),
                new PolicyTarget(TargetKind.DEVICE_GROUP, laptops.getId()),
                new PolicyTarget(TargetKind.COMPUTER, desk.getId()));
        Policy broad = as(() -> policies.create(Platform.WINDOWS, new PolicyDraft("Every kind " + suffix(), null,
                true, 30, true, true, false, null, everyKind)));
        Policy laptopsOnly = as(() -> policies.create(Platform.WINDOWS, new PolicyDraft("Laptops " + suffix(), null,
                true, 15, true, false, false, null, List.of(new PolicyTarget(TargetKind.DEVICE_GROUP, laptops.getId())))));

        assertEquals(Set.copyOf(everyKind), Set.copyOf(as(() -> policies.get(broad.getId())).getTargets()),
                "the targets read back as they were stored");
        assertEquals(broad.getId(), policyOf(laptop), "the first matching policy in list order");
        assertEquals(broad.getId(), policyOf(desk));

        as(() -> policies.move(laptopsOnly.getId(), 1));
        assertEquals(laptopsOnly.getId(), policyOf(laptop), "moved to the top, it comes first for its group");
        assertEquals(broad.getId(), policyOf(desk), "and does not target the desk");

        Policy current = as(() -> policies.get(laptopsOnly.getId()));
        as(() -> policies.update(current.getId(), current.getVersion(), new PolicyDraft(current.getName(), null,
                false, 15, true, false, false, null, List.of(new PolicyTarget(TargetKind.DEVICE_GROUP, laptops.getId())))));
        assertEquals(broad.getId(), policyOf(laptop), "a disabled policy takes no part");
    }

    private UUID policyOf(Device device) throws Exception {
        return as(() -> resolver.resolve(directory.find(device.getId()).orElseThrow())).policy().id();
    }

    @Test
    @DisplayName("Every change counts from the next decision on, membership changes too, and is in the audit trail")
    void decisionsFollowEveryChange() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Changes " + suffix()));
        DeviceGroup laptops = as(() -> directory.createGroup(tenant.getId(), "Laptops", null));
        Device device = fixture.register(tenant, "PC-CHANGES", laptops);
        long generation = as(decisions::generation);

        RuleOverview rule = create(RuleTarget.deviceGroup(laptops.getId()), "Helpdesk reads laptops",
                AccessControlEntry.allow(helpdesk, PASSWORD));
        assertEquals(generation + 1, as(decisions::generation));
        assertGrantedBy(rule, decide(device));

        RuleOverview disabled = as(() -> rules.disable(rule.id(), rule.version()));
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide(device).result());
        assertEquals(RuleStatus.DISABLED, decide(device).explanation().get(0).status());
        RuleOverview enabled = as(() -> rules.enable(disabled.id(), disabled.version()));
        assertEquals(ResultCode.SUCCESS, decide(device).result());

        RuleDefinition forContractors = new RuleDefinition(enabled.target(), "Contractors read laptops", true, null,
                List.of(AccessControlEntry.allow(contractors, PASSWORD)));
        RuleOverview updated = as(() -> rules.update(enabled.id(), enabled.version(), forContractors));
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, decide(device).result());
        assertEquals("Contractors read laptops", as(() -> rules.get(enabled.id())).description());

        RuleOverview back = as(() -> rules.update(updated.id(), updated.version(), new RuleDefinition(
                updated.target(), updated.description(), true, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                List.of(AccessControlEntry.allow(helpdesk, PASSWORD)))));
        assertEquals(ResultCode.SUCCESS, decide(device).result());
        as(() -> {
            directory.removeMember(laptops.getId(), device.getId());
            return null;
        });
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide(device).result(),
                "leaving the group counts at once");
        as(() -> {
            directory.addMember(laptops.getId(), device.getId());
            return null;
        });
        assertEquals(ResultCode.SUCCESS, decide(device).result());

        as(() -> {
            rules.delete(back.id(), back.version());
            return null;
        });
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide(device).result());
        assertEquals(generation + 6, as(decisions::generation));
        assertTrue(as(() -> rules.list()).stream().noneMatch(r -> r.id().equals(back.id())));

        List<String> recorded = as(() -> audit.latest(200)).stream()
                .filter(event -> event.getTargetId() != null && event.getTargetId().equals(rule.id().toString()))
                .map(AuditEvent::getAction).toList();
        assertEquals(List.of("authorization-rule.deleted", "authorization-rule.updated", "authorization-rule.updated",
                "authorization-rule.enabled", "authorization-rule.disabled", "authorization-rule.created"), recorded);
        AuditEvent created = as(() -> audit.latest(200)).stream().filter(event -> event.getAction()
                .equals("authorization-rule.created") && event.getTargetId().equals(rule.id().toString()))
                .findFirst().orElseThrow();
        assertEquals("Helpdesk reads laptops", created.getTargetName());
        assertTrue(created.getDetails().contains("Allow group Helpdesk (" + SOURCE + ") Read BitLocker recovery "
                + "passwords"), created.getDetails());
    }

    @Test
    @DisplayName("A rule change that rolls back never reaches the shared snapshot, and the next real change does")
    void aRolledBackChangeDoesNotStickInTheSnapshot() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Rollback " + suffix()));
        Device device = fixture.register(tenant, "PC-ROLLBACK");
        long generation = as(decisions::generation);

        AtomicReference<ResultCode> insideTheChange = new AtomicReference<>();
        Exception failed = assertThrows(Exception.class, () -> as(() -> {
            rules.create(new RuleDefinition(RuleTarget.tenant(tenant.getId()), "Never committed", true, null,
                    List.of(AccessControlEntry.allow(alice, PASSWORD))));
            insideTheChange.set(decisions.decide(signedInAlice, device.getId(), PASSWORD).result());
            throw new IllegalStateException("the administrator's transaction fails after the change");
        }));
        assertTrue(String.valueOf(failed).contains("the administrator's transaction fails")
                || String.valueOf(failed.getCause()).contains("the administrator's transaction fails"), failed::toString);
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, insideTheChange.get(),
                "the snapshot is built from committed rules only, even inside a change");
        assertEquals(generation, as(decisions::generation));
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_TARGET, decide(device).result());

        // The next committed change reaches the generation number the rolled-back one had.
        RuleOverview committed = create(RuleTarget.tenant(tenant.getId()), "Committed",
                AccessControlEntry.allow(alice, PASSWORD));
        assertEquals(generation + 1, as(decisions::generation));
        assertGrantedBy(committed, decide(device));
    }

    @Test
    @DisplayName("Refused rules and edits leave nothing behind: no rule, no audit record, no new generation")
    void refusedChangesLeaveNothingBehind() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Refusals " + suffix()));
        DeviceGroup doomed = as(() -> directory.createGroup(tenant.getId(), "Doomed", null));
        Device deleted = fixture.register(tenant, "PC-DELETED");
        as(() -> directory.delete(deleted.getId()));
        as(() -> {
            directory.deleteGroup(doomed.getId());
            return null;
        });
        int rulesBefore = as(() -> rules.list()).size();
        int auditBefore = as(() -> audit.latest(100_000)).size();
        long generationBefore = as(decisions::generation);
        List<AccessControlEntry> acl = List.of(AccessControlEntry.allow(helpdesk, PASSWORD));

        assertRefused(Reason.TARGET_NOT_FOUND, "The device group no longer exists; choose another target.",
                new RuleDefinition(RuleTarget.deviceGroup(doomed.getId()), "Deleted group", true, null, acl));
        assertRefused(Reason.TARGET_NOT_FOUND, "The computer does not exist or was deleted; choose another target.",
                new RuleDefinition(RuleTarget.computer(deleted.getId()), "Deleted computer", true, null, acl));
        assertRefused(Reason.TARGET_NOT_FOUND, "The tenant no longer exists; choose another target.",
                new RuleDefinition(RuleTarget.tenant(UUID.randomUUID()), "No such tenant", true, null, acl));
        assertRefused(Reason.TARGET_NOT_FOUND, "The directory no longer exists; choose another target.",
                new RuleDefinition(RuleTarget.directory(UUID.randomUUID()), "No such directory", true, null, acl));
        assertRefused(Reason.EXPIRY_NOT_IN_FUTURE, "The expiry date has passed; choose a moment in the future, or "
                + "none for a rule that does not expire.", new RuleDefinition(RuleTarget.tenant(tenant.getId()),
                "Expired", true, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), acl));
        AuthorizationRuleException empty = assertThrows(AuthorizationRuleException.class,
                () -> new RuleDefinition(RuleTarget.tenant(tenant.getId()), "Empty", true, null, List.of()));
        assertEquals(Reason.EMPTY_ACL, empty.reason());

        assertEquals(rulesBefore, as(() -> rules.list()).size());
        assertEquals(auditBefore, as(() -> audit.latest(100_000)).size());
        assertEquals(generationBefore, as(decisions::generation));

        RuleOverview rule = create(RuleTarget.tenant(tenant.getId()), "Valid", AccessControlEntry.allow(helpdesk,
                PASSWORD));
        RuleDefinition toDeletedGroup = new RuleDefinition(RuleTarget.deviceGroup(doomed.getId()), "Moved", false,
                null, List.of(AccessControlEntry.deny(alice, METADATA)));
        assertEquals(Reason.TARGET_NOT_FOUND, assertThrows(AuthorizationRuleException.class,
                () -> as(() -> rules.update(rule.id(), rule.version(), toDeletedGroup))).reason());
        RuleOverview unchanged = as(() -> rules.get(rule.id()));
        assertEquals(rule.version(), unchanged.version());
        assertEquals(rule.acl(), unchanged.acl());
        assertEquals("Valid", unchanged.description());
    }

    @Test
    @DisplayName("An edit from a stale version is refused with 'changed by someone else' and changes nothing")
    void aStaleEditIsRefused() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Conflicts " + suffix()));
        RuleOverview opened = create(RuleTarget.tenant(tenant.getId()), "Opened by two administrators",
                AccessControlEntry.allow(helpdesk, PASSWORD));
        RuleOverview firstSave = as(() -> rules.update(opened.id(), opened.version(), new RuleDefinition(
                opened.target(), "First administrator's description", true, null, opened.acl())));
        assertTrue(firstSave.version() > opened.version());

        AuthorizationRuleException conflict = assertThrows(AuthorizationRuleException.class,
                () -> as(() -> rules.update(opened.id(), opened.version(), new RuleDefinition(opened.target(),
                        "Second administrator's description", true, null, opened.acl()))));
        assertEquals(Reason.CHANGED_BY_SOMEONE_ELSE, conflict.reason());
        assertEquals("The rule 'First administrator's description' was changed by someone else after you opened it. "
                + "Reload it and make your change again.", conflict.getMessage());
        assertEquals(Reason.CHANGED_BY_SOMEONE_ELSE, assertThrows(AuthorizationRuleException.class,
                () -> as(() -> rules.disable(opened.id(), opened.version()))).reason());
        assertEquals(Reason.CHANGED_BY_SOMEONE_ELSE, assertThrows(AuthorizationRuleException.class,
                () -> as(() -> {
                    rules.delete(opened.id(), opened.version());
                    return null;
                })).reason());

        RuleOverview now = as(() -> rules.get(opened.id()));
        assertEquals("First administrator's description", now.description());
        assertTrue(now.enabled());
    }

    @Test
    @DisplayName("Two edits racing from the same version: the one that commits second is refused, not lost in silence")
    void aRacingEditIsRefusedWhenItWrites() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Race " + suffix()));
        RuleOverview opened = create(RuleTarget.tenant(tenant.getId()), "Raced",
                AccessControlEntry.allow(helpdesk, PASSWORD));
        CountDownLatch secondHasRead = new CountDownLatch(1);
        CountDownLatch firstHasCommitted = new CountDownLatch(1);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");

        // The second edit reads the rule in its transaction, then writes only after the first edit has committed:
        // its version check passes on what it read, and the database's optimistic lock has to catch it.
        Future<RuleOverview> second = executor.submit(() -> as(() -> {
            RuleOverview read = rules.get(opened.id());
            secondHasRead.countDown();
            assertTrue(firstHasCommitted.await(30, TimeUnit.SECONDS));
            return rules.update(opened.id(), read.version(), new RuleDefinition(opened.target(), "Second", true,
                    null, opened.acl()));
        }));
        assertTrue(secondHasRead.await(30, TimeUnit.SECONDS));
        as(() -> rules.update(opened.id(), opened.version(), new RuleDefinition(opened.target(), "First", true, null,
                opened.acl())));
        firstHasCommitted.countDown();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
        AuthorizationRuleException conflict = assertInstanceOf(AuthorizationRuleException.class, failed.getCause());
        assertEquals(Reason.CHANGED_BY_SOMEONE_ELSE, conflict.reason());
        assertEquals("First", as(() -> rules.get(opened.id())).description());
    }

    @Test
    @DisplayName("A rule whose group or computer was deleted is listed as such and applies to nothing")
    void rulesOfDeletedTargetsAreFlaggedAndIgnored() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Deleted targets " + suffix()));
        DeviceGroup group = as(() -> directory.createGroup(tenant.getId(), "Short-lived", null));
        Device device = fixture.register(tenant, "PC-GONE", group);
        RuleOverview groupRule = create(RuleTarget.deviceGroup(group.getId()), "Group rule",
                AccessControlEntry.allow(alice, PASSWORD));
        RuleOverview computerRule = create(RuleTarget.computer(device.getId()), "Computer rule",
                AccessControlEntry.allow(alice, METADATA));
        RuleOverview tenantRule = create(RuleTarget.tenant(tenant.getId()), "Tenant rule",
                AccessControlEntry.allow(contractors, PASSWORD));
        assertGrantedBy(groupRule, decide(device));

        as(() -> {
            directory.deleteGroup(group.getId());
            return null;
        });
        as(() -> directory.delete(device.getId()));

        List<RuleOverview> listed = as(() -> rules.list());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertEquals(RuleStatus.TARGET_DELETED, find(listed, groupRule).status(now));
        assertEquals(RuleStatus.TARGET_DELETED, find(listed, computerRule).status(now));
        assertEquals("PC-GONE", find(listed, computerRule).targetName());
        assertEquals(RuleStatus.ACTIVE, find(listed, tenantRule).status(now));
        assertEquals(tenant.getName(), find(listed, tenantRule).targetName());

        Decision afterwards = decisions(device, METADATA);
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, afterwards.result(),
                "only the tenant rule still applies to the deleted computer, and it names contractors");
        assertEquals(RuleStatus.TARGET_DELETED, afterwards.explanation().get(0).status());
    }

    @Test
    @DisplayName("An ACL entry for a local account or group deleted since is flagged in the listing; a new rule naming "
            + "a deleted account is refused in words and leaves no rule and no audit record")
    void entriesForDeletedPrincipalsAreFlaggedAndRefused() throws Exception {
        Tenant tenant = as(() -> directory.createTenant("Deleted principals " + suffix()));
        LocalAccount bob = as(() -> localAccounts.add("bob-" + suffix(), "Bob", "Bob-Password-2024".toCharArray()));
        LocalGroup team = as(() -> localGroups.create("Short-lived team " + suffix(), null));
        RuleOverview rule = create(RuleTarget.tenant(tenant.getId()), "Bob and his team",
                AccessControlEntry.allow(bob.principal(), PASSWORD), AccessControlEntry.allow(team.principal(), METADATA),
                AccessControlEntry.deny(contractors, PASSWORD));
        assertEquals(List.of(PrincipalStatus.EXISTS, PrincipalStatus.EXISTS, PrincipalStatus.NOT_CHECKED),
                rule.principals(), "the test's directory is not configured, so its group cannot be checked");

        // AMS offers no way to delete a local account yet; a restored backup or a hand-made clean-up does it.
        sql("DELETE FROM local_account WHERE id = '" + bob.getId() + "'");
        as(() -> {
            localGroups.delete(team.getId());
            return null;
        });

        RuleOverview listed = find(as(() -> rules.list()), rule);
        assertEquals(List.of(PrincipalStatus.NO_LONGER_EXISTS, PrincipalStatus.NO_LONGER_EXISTS,
                PrincipalStatus.NOT_CHECKED), listed.principals());
        assertTrue(listed.namesMissingPrincipals());
        assertEquals(RuleStatus.ACTIVE, listed.status(OffsetDateTime.now(ZoneOffset.UTC)),
                "the rule's other entries still decide");
        assertEquals(listed.principals(), as(() -> rules.get(rule.id())).principals());

        int rulesBefore = as(() -> rules.list()).size();
        int auditBefore = as(() -> audit.latest(100_000)).size();
        assertRefused(Reason.PRINCIPAL_NOT_FOUND, "The access control list names the user '" + bob.getUsername()
                        + "' of Local accounts, which no longer exists; remove it from the list and save again.",
                new RuleDefinition(RuleTarget.tenant(tenant.getId()), "Names a deleted account", true, null,
                        List.of(AccessControlEntry.allow(helpdesk, PASSWORD),
                                AccessControlEntry.allow(bob.principal(), PASSWORD))));
        assertEquals(rulesBefore, as(() -> rules.list()).size(), "no rule was saved");
        assertEquals(auditBefore, as(() -> audit.latest(100_000)).size(), "no audit record was written");

        RuleDefinition cleaned = new RuleDefinition(rule.target(), rule.description(), true, null,
                List.of(rule.acl().get(2)));
        assertEquals(Reason.PRINCIPAL_NOT_FOUND, assertThrows(AuthorizationRuleException.class,
                () -> as(() -> rules.update(rule.id(), rule.version(), listed.definition()))).reason(),
                "an edit keeping the entry is refused too");
        assertEquals(List.of(PrincipalStatus.NOT_CHECKED),
                as(() -> rules.update(rule.id(), rule.version(), cleaned)).principals(),
                "removing the entries lets the rule be saved");
    }

    @Test
    @DisplayName("The dashboard counts new devices by state, key coverage, staleness and keys escrowed today, in SQL")
    void dashboardCountsWhatTheDatabaseHolds() throws Exception {
        DashboardSnapshot before = as(() -> dashboard.snapshot(30));
        Tenant tenant = as(() -> directory.createTenant("Dashboard " + suffix()));
        Device covered = fixture.register(tenant, "PC-COVERED");
        fixture.register(tenant, "PC-UNCOVERED");
        Device disabled = fixture.register(tenant, "PC-DISABLED");
        as(() -> directory.disable(disabled.getId()));
        fixture.escrowOneKey(covered, "AMS rules IT " + suffix(), "Rules-IT-backup-password");

        DashboardSnapshot after = as(() -> dashboard.snapshot(30));

        assertEquals(2, after.approved() - before.approved());
        assertEquals(1, after.devices(DeviceState.DISABLED) - before.devices(DeviceState.DISABLED));
        assertEquals(0, after.devices(DeviceState.PENDING) - before.devices(DeviceState.PENDING));
        assertEquals(1, after.withKeys() - before.withKeys());
        assertEquals(1, after.withoutKeys() - before.withoutKeys(), "the disabled device does not count");
        assertEquals(2, after.stale() - before.stale(), "neither approved device's agent ever checked in");
        assertEquals(2, after.neverCheckedIn() - before.neverCheckedIn());
        List<EscrowDay> days = after.escrowedPerDay();
        assertEquals(14, days.size());
        assertEquals(after.takenAt().atOffset(ZoneOffset.UTC).toLocalDate(), days.get(13).day(), "today last");
        for (int i = 1; i < days.size(); i++) {
            assertEquals(days.get(i - 1).day().plusDays(1), days.get(i).day(), "every day listed: " + days);
        }
        // Other IT classes share this server's database: each day is compared with the same day before.
        java.util.Map<java.time.LocalDate, Long> keysBefore = before.escrowedPerDay().stream()
                .collect(java.util.stream.Collectors.toMap(EscrowDay::day, EscrowDay::keys));
        assertEquals(1, days.get(13).keys() - keysBefore.getOrDefault(days.get(13).day(), 0L), days.toString());
        assertEquals(1, days.stream().mapToLong(day -> day.keys() - keysBefore.getOrDefault(day.day(), 0L)).sum(),
                "no other key was escrowed meanwhile: " + days + " before " + before.escrowedPerDay());

        assertEquals(after.withoutKeys(), as(() -> dashboard.countDevicesWithoutKeys()));
        List<UncoveredDevice> listed = as(() -> dashboard.devicesWithoutKeys(0, 1000));
        assertEquals(List.of("PC-UNCOVERED"), listed.stream()
                .filter(device -> device.directory().equals(tenant.getName() + " / AMS"))
                .map(UncoveredDevice::name).toList());
        assertEquals(1, as(() -> dashboard.devicesWithoutKeys((int) after.withoutKeys() - 1, 10)).size(),
                "the last page holds the last device");
        assertThrows(EJBAccessException.class, () -> dashboard.snapshot(30), "administrators only");
    }

    @Test
    @DisplayName("A caller without a role can neither manage rules nor ask for decisions")
    void aCallerWithoutARoleIsRefused() {
        assertThrows(EJBAccessException.class, () -> rules.list());
        assertThrows(EJBAccessException.class, () -> decisions.generation());
    }

    @Test
    @DisplayName("An access request is decided by the signed-in caller's own groups: a local group membership removed "
            + "counts from the next request, a disabled account is refused, and a run-as caller is no one")
    void accessRequestsDecideByTheCallersOwnGroups() throws Exception {
        SignedInCalls.Caller caller = signedIn.newAccount("caller", Role.HELPDESK);
        Tenant tenant = as(() -> directory.createTenant("Callers " + suffix()));
        Device device = fixture.register(tenant, "PC-CALLER-" + suffix());
        LocalGroup team = as(() -> {
            LocalGroup made = localGroups.create("Callers " + suffix(), null);
            return localGroups.addMember(made.getId(), caller.name());
        });
        create(RuleTarget.tenant(tenant.getId()), "Only the callers' team reads", AccessControlEntry.allow(
                team.principal(), PASSWORD));
        String address = address();
        List<Object> outcomes;
        try {
            outcomes = signedIn.as(caller, () -> {
                List<Object> seen = new ArrayList<>();
                seen.add(accessRequests.requestRecoveryPasswords(address, device.getId(), "A member of the team"));
                as(() -> localGroups.removeMember(team.getId(), caller.accountId()));
                seen.add(accessRequests.requestRecoveryPasswords(address, device.getId(), "No longer a member"));
                as(() -> {
                    localAccounts.enable(caller.accountId(), false);
                    return null;
                });
                seen.add(assertThrows(AccessRequestException.class, () -> accessRequests.requestRecoveryPasswords(
                        address, device.getId(), "Disabled since signing in")));
                return seen;
            });
        } finally {
            signedIn.retire(caller);
        }

        AccessOutcome asMember = (AccessOutcome) outcomes.get(0);
        assertEquals(ResultCode.SUCCESS, asMember.result(), "granted through the team the caller belongs to");
        assertEquals("Only the callers' team reads", asMember.ruleDescription());
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, ((AccessOutcome) outcomes.get(1)).result(),
                "the same session, after the membership was removed");
        assertEquals("Your account has been disabled or removed since you signed in; nothing was done. Ask an "
                + "administrator.", ((AccessRequestException) outcomes.get(2)).getMessage());
        List<AuditEvent> records = requestsOf(caller.name());
        assertEquals(List.of("NO_MATCHING_RULE_FOR_USER", "SUCCESS"), records.stream()
                .map(AuditEvent::getResultCode).toList(), "two requests recorded, the refused one not");
        assertTrue(records.stream().allMatch(record -> address.equals(record.getClientAddress())));
        // The run-as principal in-container administration uses did not sign in: it holds no Helpdesk role.
        assertThrows(EJBAccessException.class, () -> as(() -> accessRequests.requestRecoveryPasswords(address,
                device.getId(), "Not signed in")));
    }

    @Test
    @DisplayName("The Administrator role alone reads no recovery password, nor looks up key IDs or computer names; "
            + "with Helpdesk too and a rule, the same administrator is granted")
    void administratorsNeedTheHelpdeskRole() throws Exception {
        SignedInCalls.Caller administrator = signedIn.newAccount("administrator", Role.ADMINISTRATOR);
        Tenant tenant = as(() -> directory.createTenant("Administrators " + suffix()));
        Device device = fixture.register(tenant, "PC-ADMIN-" + suffix());
        create(RuleTarget.tenant(tenant.getId()), "The administrator may read", AccessControlEntry.allow(
                administrator.principal(), PASSWORD, METADATA));
        String address = address();
        try {
            signedIn.as(administrator, () -> {
                assertThrows(EJBAccessException.class, () -> accessRequests.requestRecoveryPasswords(address,
                        device.getId(), "Administrator only"));
                assertThrows(EJBAccessException.class, () -> accessRequests.requestKeyMetadata(address,
                        device.getId(), "Administrator only"));
                assertThrows(EJBAccessException.class, () -> accessRequests.lookUpKeyId(address, "4E7F3159",
                        "Administrator only"));
                assertThrows(EJBAccessException.class, () -> accessRequests.findComputers(address,
                        device.getName(), "Administrator only"));
                assertThrows(EJBAccessException.class, () -> visibleComputers.suggest("PC-ADMIN", 10));
                return null;
            });
            assertEquals(List.of(), requestsOf(administrator.name()), "nothing was asked, so nothing recorded");

            signedIn.grant(administrator, Role.HELPDESK);
            AccessOutcome granted = signedIn.as(administrator,
                    () -> accessRequests.requestRecoveryPasswords(address, device.getId(), "Administrator and "
                            + "Helpdesk"));

            assertEquals(ResultCode.SUCCESS, granted.result());
            assertEquals("The administrator may read", granted.ruleDescription());
        } finally {
            signedIn.retire(administrator);
        }
    }

    @Test
    @DisplayName("Thirty requests at once: exactly the user's limit passes, then exactly the address's limit, each "
            + "request in its own thread and transaction")
    void aBurstPassesExactlyTheRateLimit() throws Exception {
        int limit = 4;
        int burst = 30;
        SignedInCalls.Caller caller = signedIn.newAccount("burst", Role.HELPDESK);
        Tenant tenant = as(() -> directory.createTenant("Burst " + suffix()));
        Device device = fixture.register(tenant, "PC-BURST-" + suffix());
        create(RuleTarget.tenant(tenant.getId()), "The burst may see", AccessControlEntry.allow(
                caller.principal(), METADATA));
        String firstAddress = address();
        String secondAddress = address();
        RateLimits found = accessSettings.current().getRateLimits();
        Map<ResultCode, Long> perUser;
        Map<ResultCode, Long> perAddress;
        try {
            limits(new RateLimits(0, limit, 0, 0, 0, 0));
            perUser = signedIn.as(caller, () -> atOnce(burst, () -> accessRequests
                    .requestKeyMetadata(firstAddress, device.getId(), "Burst per user").result()));
            limits(new RateLimits(0, 0, 0, 0, limit, 0));
            perAddress = signedIn.as(caller, () -> atOnce(burst, () -> accessRequests
                    .requestKeyMetadata(secondAddress, device.getId(), "Burst per address").result()));
        } finally {
            limits(found);
            signedIn.retire(caller);
        }

        assertEquals(Map.of(ResultCode.SUCCESS, (long) limit, ResultCode.USER_RATE_LIMIT_EXCEEDED,
                (long) (burst - limit)), perUser);
        assertEquals(Map.of(ResultCode.SUCCESS, (long) limit, ResultCode.IP_RATE_LIMIT_EXCEEDED,
                (long) (burst - limit)), perAddress);
        List<AuditEvent> records = requestsOf(caller.name());
        assertEquals(2 * burst, records.size(), "every request, granted or not, is one record");
        assertEquals(2 * limit, records.stream().filter(record -> "SUCCESS".equals(record.getResultCode())).count());
    }

    /** Runs {@code count} calls at once and counts the results of each kind. */
    private <T> Map<T, Long> atOnce(int count, Callable<T> call) throws Exception {
        return Simultaneous.run(threads, count, call).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private void limits(RateLimits limits) throws Exception {
        as(() -> accessSettings.changeRateLimits(accessSettings.current().getVersion(), limits));
    }

    /** The access-request records (requests, lookups, searches) of one user, newest first. */
    private List<AuditEvent> requestsOf(String username) throws Exception {
        return as(() -> audit.latest(5000)).stream().filter(record -> username.equals(record.getActor()))
                .filter(record -> AccessRequests.REQUEST_ACTIONS.contains(record.getAction())).toList();
    }

    /** A client address of the documentation range no other test uses, so rate limits count this test alone. */
    private static String address() {
        return "2001:db8::" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16))
                + ":" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    }

    private RuleOverview create(RuleTarget target, String description, AccessControlEntry... acl) throws Exception {
        return as(() -> rules.create(new RuleDefinition(target, description, true, null, List.of(acl))));
    }

    private Decision decide(Device device) throws Exception {
        return decisions(device, PASSWORD);
    }

    private Decision decisions(Device device, Permission permission) throws Exception {
        return as(() -> decisions.decide(signedInAlice, device.getId(), permission));
    }

    private void assertRefused(Reason reason, String message, RuleDefinition definition) {
        AuthorizationRuleException refused = assertThrows(AuthorizationRuleException.class,
                () -> as(() -> rules.create(definition)));
        assertEquals(reason, refused.reason());
        assertEquals(message, refused.getMessage());
    }

    private static void assertGrantedBy(RuleOverview rule, Decision decision) {
        assertGrantedBy(rule, decision, "expected a grant by " + rule.description());
    }

    private static void assertGrantedBy(RuleOverview rule, Decision decision, String message) {
        assertEquals(ResultCode.SUCCESS, decision.result(), message + ": " + decision);
        assertEquals(rule.id(), decision.grantingRule().orElseThrow().ruleId(), message + ": " + decision);
    }

    private static RuleOverview find(List<RuleOverview> listed, RuleOverview rule) {
        return listed.stream().filter(r -> r.id().equals(rule.id())).findFirst().orElseThrow();
    }

    /** Changes the database behind the application's back, as someone with database access could. */
    private void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
