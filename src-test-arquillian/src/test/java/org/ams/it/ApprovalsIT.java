package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettingsException;
import org.ams.access.AccessSettingsService;
import org.ams.access.ApprovalException;
import org.ams.access.ApprovalState;
import org.ams.access.ApprovalView;
import org.ams.access.Approvals;
import org.ams.access.RateLimits;
import org.ams.access.RevealedKey;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.audit.AuditVerification;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRuleException;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleApproval;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleOverview;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.Role;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.local.LocalGroupService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two-person approval in the services, as signed-in users call them: a rule that grants a requester the recovery
 * passwords of a computer but wants two approvals by the members of a local group. The requester is in that group
 * too and must not approve their own request; an approver removed from the group meanwhile cannot approve; one
 * rejection ends a request; a request left waiting expires; an approval for one read is used by it, one for unlimited
 * reads closes with its window; a Deny still wins over an approved request. Every step is in the audit chain, which
 * stays intact and never holds the password. Requests of one user for one computer released at once, with no rate
 * limit to keep them apart, make one waiting request.
 */
@ExtendWith(ArquillianExtension.class)
class ApprovalsIT {

    /** Valid (every group is 11 times a number below 65536) and used by no other class. */
    private static final String PASSWORD = "111111-222222-333333-444444-555555-666666-000011-000022";
    private static final String PROTECTOR = "{A9B0C1D2-E3F4-4A5B-8C6D-7E8F9A0B1C2D}";
    private static final String ADDRESS = "192.0.2.71";

    @Inject
    private AsAdministrator admin;

    @Inject
    private SignedInCalls signedIn;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private DeviceDirectory devices;

    @Inject
    private LocalGroupService groups;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AccessRequests requests;

    @Inject
    private Approvals approvals;

    @Inject
    private AccessSettingsService settings;

    @Inject
    private ApprovalClock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    private AuditVerification verification;

    @Resource
    private ManagedThreadFactory threads;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @DisplayName("Self-approval refused, two approvals needed, a revoked approver refused, rejection, expiry, one read and unlimited reads within the window, Deny wins; every step audited")
    void twoPersonApproval() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tenant tenant = admin.call(() -> devices.createTenant("Approvals IT " + suffix));
        Device device = fixture.register(tenant, "PC-APPROVE-" + suffix);
        fixture.ensureActiveCertificate("Approvals IT", "Approvals-IT-backup-1");
        fixture.escrowKeyToActiveCertificate(device, PROTECTOR, PASSWORD);

        SignedInCalls.Caller requester = signedIn.newAccount("appr-req", Role.HELPDESK);
        SignedInCalls.Caller alice = signedIn.newAccount("appr-alice", Role.HELPDESK);
        SignedInCalls.Caller bob = signedIn.newAccount("appr-bob", Role.HELPDESK);
        SignedInCalls.Caller carol = signedIn.newAccount("appr-carol", Role.HELPDESK);
        LocalGroup approvers = admin.call(() -> {
            LocalGroup group = groups.create("Approvals IT approvers " + suffix, "approve recovery password reads");
            for (SignedInCalls.Caller member : List.of(requester, alice, bob, carol)) {
                groups.addMember(group.getId(), member.name());
            }
            return group;
        });
        long before = admin.call(() -> audit.latest(1)).get(0).getSequence();
        // The requester asks a dozen times within a minute; the shared server's limits are given back at the end.
        RateLimits limits = admin.call(() -> settings.current()).getRateLimits();
        setRateLimits(new RateLimits(0, 0, 0, 0, 0, 0));
        try {
            approvalSteps(tenant, device, requester, alice, bob, carol, approvers, before, suffix);
        } finally {
            setRateLimits(limits);
            for (SignedInCalls.Caller caller : List.of(requester, alice, bob, carol)) {
                signedIn.retire(caller);
            }
        }
    }

    @Test
    @DisplayName("Without rate limits, parallel requests of one user for one computer wait as one; one user approves")
    void parallelRequestsWaitAsOne() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tenant tenant = admin.call(() -> devices.createTenant("Approvals race IT " + suffix));
        Device device = fixture.register(tenant, "PC-APPROVE-RACE-" + suffix);
        fixture.ensureActiveCertificate("Approvals IT", "Approvals-IT-backup-1");
        fixture.escrowKeyToActiveCertificate(device, "{C9B0C1D2-E3F4-4A5B-8C6D-7E8F9A0B1C3E}", PASSWORD);
        SignedInCalls.Caller requester = signedIn.newAccount("appr-race", Role.HELPDESK);
        SignedInCalls.Caller dora = signedIn.newAccount("appr-dora", Role.HELPDESK);
        SignedInCalls.Caller erik = signedIn.newAccount("appr-erik", Role.HELPDESK);
        // Without limits nothing locks the user's rate limit row: only the approval's own lock keeps them apart.
        RateLimits limits = admin.call(() -> settings.current()).getRateLimits();
        setRateLimits(new RateLimits(0, 0, 0, 0, 0, 0));
        RuleOverview rule = admin.call(() -> rules.save(null, 0, new RuleDefinition(RuleTarget.tenant(tenant.getId()),
                "Approvals IT: one user approves " + suffix, true, null,
                List.of(AccessControlEntry.allow(requester.principal(), Permission.READ_BITLOCKER_RECOVERY_PASSWORD)),
                new RuleApproval(dora.principal(), 1, 60, true)), List.of(), List.of()));
        try {
            for (int round = 0; round < 3; round++) {
                List<AccessOutcome> outcomes = signedIn.as(requester, () -> Simultaneous.run(threads, 6, () ->
                        requests.requestRecoveryPasswords(ADDRESS, device.getId(), "Approvals IT: at once")));
                assertTrue(outcomes.stream().allMatch(o -> o.result() == ResultCode.APPROVAL_PENDING),
                        outcomes.stream().map(o -> o.result().name()).toList().toString());
                List<ApprovalView> waiting = signedIn.as(requester, approvals::mine).stream()
                        .filter(view -> view.state() == ApprovalState.PENDING).toList();
                assertEquals(1, waiting.size(), "round " + round + ": one waiting request, not one per thread");
                assertEquals(Set.of(waiting.get(0).id()), outcomes.stream().map(o -> o.approval().id())
                        .collect(Collectors.toSet()), "every answer names the one waiting request");

                // The rule names a single user: only she may decide it; another Helpdesk user may not.
                UUID id = waiting.get(0).id();
                assertFalse(signedIn.as(erik, approvals::isApprover));
                assertFalse(ids(signedIn.as(erik, approvals::decidable)).contains(id));
                assertThrows(ApprovalException.class, () -> signedIn.as(erik, () -> approvals.approve(ADDRESS, id,
                        "")));
                assertEquals(ApprovalState.APPROVED, signedIn.as(dora, () -> approvals.approve(ADDRESS, id, "ok"))
                        .state());
                assertEquals(ResultCode.SUCCESS, ask(requester, device).result(), "the approved read");
            }
        } finally {
            setRateLimits(limits);
            admin.call(() -> {
                rules.delete(rule.id(), rules.get(rule.id()).version());
                return null;
            });
            for (SignedInCalls.Caller caller : List.of(requester, dora, erik)) {
                signedIn.retire(caller);
            }
        }
    }

    private void setRateLimits(RateLimits limits) throws Exception {
        admin.call(() -> settings.changeRateLimits(settings.current().getVersion(), limits));
    }

    private void approvalSteps(Tenant tenant, Device device, SignedInCalls.Caller requester, SignedInCalls.Caller alice,
                               SignedInCalls.Caller bob, SignedInCalls.Caller carol, LocalGroup approvers,
                               long before, String suffix) throws Exception {

        // The expiry setting refuses what is out of range, and changes nothing then.
        int expiry = admin.call(() -> settings.current()).getApprovalExpiryMinutes();
        AccessSettingsException tooLong = assertThrows(AccessSettingsException.class, () -> admin.call(() ->
                settings.changeApprovalExpiry(settings.current().getVersion(), 43_201)));
        assertEquals("A request waits for approval between 1 and 43200 minutes (30 days); 43201 is not.",
                tooLong.getMessage());
        assertEquals(expiry, admin.call(() -> settings.current()).getApprovalExpiryMinutes());

        // A single user cannot give two approvals: refused when the rule is saved, nothing saved.
        AuthorizationRuleException single = assertThrows(AuthorizationRuleException.class,
                () -> new RuleApproval(alice.principal(), 2, 60, true));
        assertTrue(single.getMessage().contains("A single user gives one approval"), single.getMessage());
        RuleOverview rule = admin.call(() -> rules.save(null, 0, new RuleDefinition(RuleTarget.tenant(tenant.getId()),
                "Approvals IT: two approvers " + suffix, true, null,
                List.of(AccessControlEntry.allow(requester.principal(), Permission.READ_BITLOCKER_RECOVERY_PASSWORD,
                        Permission.READ_BITLOCKER_KEY_METADATA)),
                new RuleApproval(approvers.principal(), 2, 60, true)), List.of(), List.of()));
        assertEquals(new RuleApproval(approvers.principal(), 2, 60, true), admin.call(() -> rules.get(rule.id()))
                .approval());

        // Asking creates one waiting request and shows nothing; asking again finds the same one.
        AccessOutcome first = ask(requester, device);
        assertEquals(ResultCode.APPROVAL_PENDING, first.result());
        assertEquals(List.of(), first.keys());
        UUID waiting = first.approval().id();
        assertEquals(waiting, ask(requester, device).approval().id());
        assertEquals(ResultCode.SUCCESS, signedIn.as(requester, () -> requests.requestKeyMetadata(ADDRESS,
                device.getId(), "metadata needs no approval")).result());

        // The requester is one of the approvers, yet may not approve their own request, nor see it to decide.
        assertFalse(ids(signedIn.as(requester, approvals::decidable)).contains(waiting));
        ApprovalException own = assertThrows(ApprovalException.class,
                () -> signedIn.as(requester, () -> approvals.approve(ADDRESS, waiting, "me")));
        assertEquals("You cannot approve or reject your own request; another approver must.", own.getMessage());
        assertTrue(signedIn.as(alice, approvals::isApprover));
        assertTrue(ids(signedIn.as(alice, approvals::decidable)).contains(waiting));

        // One approval of two: still waiting; the same approver cannot count twice.
        ApprovalView half = signedIn.as(alice, () -> approvals.approve(ADDRESS, waiting, "called the user"));
        assertEquals(ApprovalState.PENDING, half.state());
        assertEquals(1, half.approvals());
        assertThrows(ApprovalException.class, () -> signedIn.as(alice, () -> approvals.approve(ADDRESS, waiting, "")));
        assertEquals(ResultCode.APPROVAL_PENDING, ask(requester, device).result());

        // Carol leaves the group after she opened the page: her approval is refused at the moment she decides.
        assertTrue(ids(signedIn.as(carol, approvals::decidable)).contains(waiting));
        admin.call(() -> groups.removeMember(approvers.getId(), carol.accountId()));
        ApprovalException revoked = assertThrows(ApprovalException.class,
                () -> signedIn.as(carol, () -> approvals.approve(ADDRESS, waiting, "")));
        assertTrue(revoked.getMessage().startsWith("You are not (or no longer) one of the approvers"),
                revoked.getMessage());
        assertFalse(signedIn.as(carol, approvals::isApprover));

        // The second approval opens the window: one read shows the password, the next asks for approval again.
        ApprovalView approved = signedIn.as(bob, () -> approvals.approve(ADDRESS, waiting, "ok"));
        assertEquals(ApprovalState.APPROVED, approved.state());
        AccessOutcome read = ask(requester, device);
        assertEquals(ResultCode.SUCCESS, read.result());
        assertTrue(read.keys().stream().map(RevealedKey::password).anyMatch(p -> p != null
                && PASSWORD.equals(p.formatted())), "the approved read shows the escrowed recovery password");
        assertEquals(ApprovalState.USED, read.approval().state());
        AccessOutcome again = ask(requester, device);
        assertEquals(ResultCode.APPROVAL_PENDING, again.result(), "an approval for one read is used up");
        UUID second = again.approval().id();
        assertFalse(second.equals(waiting));

        // One rejection ends a request; the requester sees it with the comment.
        ApprovalView rejected = signedIn.as(alice, () -> approvals.reject(ADDRESS, second, "no ticket for this"));
        assertEquals(ApprovalState.REJECTED, rejected.state());
        ApprovalView seen = signedIn.as(requester, approvals::mine).stream().filter(r -> r.id().equals(second))
                .findFirst().orElseThrow();
        assertEquals("no ticket for this", seen.decisions().get(0).comment());
        assertThrows(ApprovalException.class, () -> signedIn.as(bob, () -> approvals.approve(ADDRESS, second, "")));

        // A request nobody decides in time expires: recorded, and no longer approvable.
        UUID third = ask(requester, device).approval().id();
        clock.requestedMinutesAgo(third, expiry + 1);
        assertFalse(ids(signedIn.as(alice, approvals::decidable)).contains(third));
        ApprovalException expired = assertThrows(ApprovalException.class,
                () -> signedIn.as(bob, () -> approvals.approve(ADDRESS, third, "")));
        assertTrue(expired.getMessage().contains("no longer waiting for approval (expired)"), expired.getMessage());

        // Unlimited reads within the window, none after it.
        admin.call(() -> rules.update(rule.id(), rules.get(rule.id()).version(), new RuleDefinition(
                RuleTarget.tenant(tenant.getId()), rule.description(), true, null, rule.acl(),
                new RuleApproval(approvers.principal(), 1, 30, false))));
        UUID fourth = ask(requester, device).approval().id();
        signedIn.as(alice, () -> approvals.approve(ADDRESS, fourth, null));
        assertEquals(ResultCode.SUCCESS, ask(requester, device).result());
        assertEquals(ResultCode.SUCCESS, ask(requester, device).result());
        clock.closeWindow(fourth);
        assertEquals(ResultCode.APPROVAL_PENDING, ask(requester, device).result(), "the window has closed");

        // A Deny still wins, whatever was approved.
        UUID fifth = signedIn.as(requester, approvals::mine).get(0).id();
        signedIn.as(bob, () -> approvals.approve(ADDRESS, fifth, null));
        RuleOverview deny = admin.call(() -> rules.create(new RuleDefinition(RuleTarget.computer(device.getId()),
                "Approvals IT: deny " + suffix, true, null, List.of(AccessControlEntry.deny(requester.principal(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD)))));
        assertEquals(ResultCode.EXPLICITLY_DENIED, ask(requester, device).result());

        // Every step is in the audit chain, which is intact and holds no password.
        List<AuditEvent> records = admin.call(() -> audit.latest(200)).stream()
                .filter(e -> e.getSequence() > before).toList();
        assertEquals(1, count(records, "access-request.read", waiting));
        assertEquals(2, count(records, "access-request.approved", waiting));
        assertEquals(1, count(records, "access-request.rejected", second));
        assertEquals(1, count(records, "access-request.expired", third));
        assertEquals(2, count(records, "access-request.read", fourth));
        assertTrue(records.stream().anyMatch(e -> e.getAction().equals(AccessRequests.ACTION)
                && ResultCode.APPROVAL_PENDING.name().equals(e.getResultCode())
                && e.getDetails().contains(waiting.toString())));
        assertTrue(records.stream().anyMatch(e -> e.getAction().equals("access-request.rejected")
                && e.getDetails().contains("comment: no ticket for this") && e.getActor().equals(alice.name())));
        for (AuditEvent record : records) {
            String text = record.getTargetName() + " " + record.getDetails() + " " + record.getReason();
            assertFalse(text.contains(PASSWORD.substring(0, 13)), "a record holds the password: " + record.getAction());
        }
        assertTrue(admin.call(() -> verification.verify()).intact());

        admin.call(() -> {
            rules.delete(deny.id(), deny.version());
            rules.delete(rule.id(), rules.get(rule.id()).version());
            return null;
        });
    }

    private AccessOutcome ask(SignedInCalls.Caller requester, Device device) throws Exception {
        return signedIn.as(requester, () -> requests.requestRecoveryPasswords(ADDRESS, device.getId(),
                "Approvals IT: user locked out"));
    }

    private static List<UUID> ids(List<ApprovalView> views) {
        return views.stream().map(ApprovalView::id).toList();
    }

    private static long count(List<AuditEvent> records, String action, UUID request) {
        return records.stream().filter(e -> e.getAction().equals(action) && request.toString().equals(e.getTargetId()))
                .count();
    }
}
