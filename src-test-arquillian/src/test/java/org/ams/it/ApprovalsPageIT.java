package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettingsService;
import org.ams.access.ApprovalState;
import org.ams.access.ApprovalView;
import org.ams.access.Approvals;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AccessControlEntry;
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
import org.ams.identity.IdentityException;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.local.LocalGroupService;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.SmtpSecurity;
import org.ams.notify.channel.SmtpSettings;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.channel.WebhookPreset;
import org.ams.notify.channel.WebhookSettings;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two-person approval in two browsers: a Helpdesk user asks for a computer's recovery passwords under a rule that
 * wants one approval by a local group, and reads "waiting for approval"; the approver is told by email (GreenMail),
 * follows the link to the Approvals page and approves with a comment; the requester is told by email at their local
 * account's address (and the rule's webhook hears each step), comes back, reads the password once, and is refused the
 * second read; the approver rejects that request and the requester is told so. Set-up and the audit check run in the server (through the product's
 * services); the browsers run in the test JVM ({@link ApprovalsPageClient}, kept apart because this class is loaded
 * inside the server too).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalsPageIT {

    static final String COMPUTER = "APX-PC-1";
    static final String REQUESTER = "apx-requester";
    static final String APPROVER = "apx-approver";
    static final String ADMIN = "apx-admin";
    static final String PASSWORD_OF_USERS = "Approvals-Page-IT-2024";
    static final String RULE = "Approvals page IT: one approver";
    static final String COMMENT = "confirmed by phone";
    /** Valid, and used by no other class. */
    static final String RECOVERY_PASSWORD = "000011-000022-000033-000044-000055-000066-000077-000088";
    /** Where AMS tells the requester of the decisions: their local account's email address. */
    static final String REQUESTER_EMAIL = "apx-requester@corp.example";
    static final String REJECTION = "no ticket for the second read";

    /** The accounts set up, taken back at the end (in the server: in-container methods only). */
    private static final List<SignedInCalls.Caller> CALLERS = new java.util.ArrayList<>();

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
    private NotificationChannels channels;

    @Inject
    private AuditTrail audit;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private Approvals approvals;
    @Inject
    private AccessRequests requests;
    @Inject
    private AccessSettingsService accessSettings;
    @Inject
    private ApprovalClock clock;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @RunAsClient
    void startMailServer() throws IOException {
        Properties shared = new Properties();
        shared.setProperty("smtp", String.valueOf(NotificationListeners.startMail()));
        int hook;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            hook = free.getLocalPort();
        }
        NotificationListeners.startWebhook(hook);
        shared.setProperty("hook", String.valueOf(hook));
        try (var out = Files.newOutputStream(sharedFile())) {
            shared.store(out, "ApprovalsPageIT");
        }
    }

    @Test
    @Order(2)
    @DisplayName("Set-up: a computer with a key, a requester, an approver in a local group, a rule wanting one approval, told by email")
    void setUp() throws Exception {
        Tenant tenant = admin.call(() -> devices.createTenant("Approvals page IT " + UUID.randomUUID()));
        Device device = fixture.register(tenant, COMPUTER);
        fixture.ensureActiveCertificate("Approvals page IT", "Approvals-Page-IT-backup-1");
        fixture.escrowKeyToActiveCertificate(device, "{B1C2D3E4-F5A6-4B7C-8D9E-0F1A2B3C4D5E}", RECOVERY_PASSWORD);
        SignedInCalls.Caller requester = signedIn.newAccount(REQUESTER, PASSWORD_OF_USERS, Role.HELPDESK);
        SignedInCalls.Caller approver = signedIn.newAccount(APPROVER, PASSWORD_OF_USERS, Role.HELPDESK);
        CALLERS.addAll(List.of(requester, approver, signedIn.newAccount(ADMIN, PASSWORD_OF_USERS,
                Role.ADMINISTRATOR)));
        Properties shared = shared();
        // The requester's address, where AMS tells them of the decisions; a malformed one is refused, nothing set.
        IdentityException malformed = assertThrows(IdentityException.class, () -> admin.call(() -> {
            accounts.changeEmail(requester.accountId(), "Requester <" + REQUESTER_EMAIL + ">");
            return null;
        }));
        assertEquals("Type one email address such as jdoe@corp.example (at most 254 characters).",
                malformed.getMessage());
        assertEquals(Optional.empty(), admin.call(() -> accounts.findByUsername(REQUESTER)).flatMap(
                LocalAccount::getEmail));
        admin.call(() -> {
            accounts.changeEmail(requester.accountId(), " " + REQUESTER_EMAIL + " ");
            return null;
        });
        assertEquals(Optional.of(REQUESTER_EMAIL), admin.call(() -> accounts.findByUsername(REQUESTER)).flatMap(
                LocalAccount::getEmail));
        admin.call(() -> {
            LocalGroup approvers = groups.create("APX approvers", "approve recovery password reads");
            groups.addMember(approvers.getId(), approver.name());
            UUID mail = channels.create(ChannelDefinition.smtp("APX mail", true, false, false, new SmtpSettings(
                    "127.0.0.1", Integer.parseInt(shared.getProperty("smtp")), SmtpSecurity.NONE, "ams-it",
                    "ams-it@corp.example", "approvers@corp.example", SmtpSettings.DEFAULT_SUBJECT,
                    SmtpSettings.DEFAULT_BODY)), NotificationsIT.SMTP_PASSWORD.toCharArray(), null).getId();
            UUID hook = channels.create(ChannelDefinition.webhook("APX hook", true, false, false, new WebhookSettings(
                    "http://127.0.0.1:" + shared.getProperty("hook") + "/hooks/apx", WebhookMethod.POST,
                    WebhookPreset.GENERIC_JSON.bodyTemplate())), null, "").getId();
            RuleOverview rule = rules.save(null, 0, new RuleDefinition(RuleTarget.tenant(tenant.getId()), RULE, true,
                    null, List.of(AccessControlEntry.allow(requester.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD, Permission.READ_BITLOCKER_KEY_METADATA)),
                    new RuleApproval(approvers.principal(), 1, 60, true)), List.of(mail, hook), List.of());
            shared.setProperty("rule", rule.id().toString());
            shared.setProperty("approvers", approvers.getId().toString());
            shared.setProperty("device", device.getId().toString());
            shared.setProperty("mail", mail.toString());
            shared.setProperty("hookChannel", hook.toString());
            return null;
        });
        try (var out = Files.newOutputStream(sharedFile())) {
            shared.store(out, "ApprovalsPageIT");
        }
    }

    @Test
    @Order(3)
    @RunAsClient
    @DisplayName("Requester waits; the approver is told by email, follows the link and approves; the requester reads once, and not twice")
    void approveThenReadOnce() throws Exception {
        ApprovalsPageClient.approveThenReadOnce(base, Integer.parseInt(shared().getProperty("hook")));
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("At 1366 and 1920 pixels wide the Approvals page and the rule editor's Approval section cut nothing off")
    void layout() {
        ApprovalsPageClient.layout(base);
    }

    @Test
    @Order(5)
    @DisplayName("The approver rejects the request the second read made, with a comment")
    void rejectTheSecondRequest() throws Exception {
        List<ApprovalView> waiting = signedIn.as(APPROVER, PASSWORD_OF_USERS, approvals::decidable);
        assertEquals(1, waiting.size());
        assertEquals(ApprovalState.REJECTED, signedIn.as(APPROVER, PASSWORD_OF_USERS, () -> approvals.reject(
                "192.0.2.88", waiting.get(0).id(), REJECTION)).state());
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("The requester is told of the rejection by email, with a link to their page and the comment")
    void requesterToldOfRejection() throws Exception {
        ApprovalsPageClient.requesterToldOfRejection(Integer.parseInt(shared().getProperty("hook")));
    }

    @Test
    @Order(7)
    @DisplayName("The requester joins the approvers' group and asks again: a request of their own")
    void requesterAmongTheApprovers() throws Exception {
        Properties shared = shared();
        admin.call(() -> {
            groups.addMember(UUID.fromString(shared.getProperty("approvers")), REQUESTER);
            return null;
        });
        AccessOutcome waiting = signedIn.as(REQUESTER, PASSWORD_OF_USERS, () -> requests.requestRecoveryPasswords(
                "192.0.2.89", UUID.fromString(shared.getProperty("device")), "Locked out again, ticket 5120"));
        assertEquals(ResultCode.APPROVAL_PENDING, waiting.result());
        shared.setProperty("own", waiting.approval().id().toString());
        try (var out = Files.newOutputStream(sharedFile())) {
            shared.store(out, "ApprovalsPageIT");
        }
    }

    @Test
    @Order(8)
    @RunAsClient
    @DisplayName("On the Approvals page the requester, an approver now, is not offered their own request; the other "
            + "approver is")
    void ownRequestIsNotOffered() {
        ApprovalsPageClient.ownRequestIsNotOffered(base);
    }

    @Test
    @Order(9)
    @DisplayName("Nobody approves the request in time")
    void nobodyApprovesInTime() throws Exception {
        int expiry = admin.call(() -> accessSettings.current()).getApprovalExpiryMinutes();
        clock.requestedMinutesAgo(UUID.fromString(shared().getProperty("own")), expiry + 1);
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("The requester's list says the request expired; the Approvals page no longer offers it")
    void expiredInTheBrowser() {
        ApprovalsPageClient.expiredInTheBrowser(base);
    }

    @Test
    @Order(11)
    @DisplayName("The rule now allows unlimited reads within the hour after approval; the requester asks, the "
            + "approver approves")
    void unlimitedReadsApproved() throws Exception {
        Properties shared = shared();
        UUID ruleId = UUID.fromString(shared.getProperty("rule"));
        admin.call(() -> {
            RuleOverview rule = rules.get(ruleId);
            return rules.update(ruleId, rule.version(), new RuleDefinition(rule.target(), rule.description(),
                    rule.enabled(), rule.expiresAt(), rule.acl(), new RuleApproval(rule.approval().approvers(), 1, 60,
                    false)));
        });
        AccessOutcome waiting = signedIn.as(REQUESTER, PASSWORD_OF_USERS, () -> requests.requestRecoveryPasswords(
                "192.0.2.90", UUID.fromString(shared.getProperty("device")), "Locked out, ticket 5121"));
        assertEquals(ResultCode.APPROVAL_PENDING, waiting.result());
        assertEquals(ApprovalState.APPROVED, signedIn.as(APPROVER, PASSWORD_OF_USERS, () -> approvals.approve(
                "192.0.2.88", waiting.approval().id(), "ticket 5121 checked")).state());
        shared.setProperty("unlimited", waiting.approval().id().toString());
        try (var out = Files.newOutputStream(sharedFile())) {
            shared.store(out, "ApprovalsPageIT");
        }
    }

    @Test
    @Order(12)
    @RunAsClient
    @DisplayName("Within the window the requester reads the password twice")
    void readTwiceWithinTheWindow() {
        ApprovalsPageClient.readTwiceWithinTheWindow(base);
    }

    @Test
    @Order(13)
    @DisplayName("The window after the approval passes")
    void windowPasses() throws Exception {
        clock.closeWindow(UUID.fromString(shared().getProperty("unlimited")));
    }

    @Test
    @Order(14)
    @RunAsClient
    @DisplayName("After the window the requester's list says so, and Show waits for a new approval")
    void refusedAfterTheWindow() {
        ApprovalsPageClient.refusedAfterTheWindow(base);
    }

    @Test
    @Order(15)
    @DisplayName("The approval, with its comment, the read and the expiry are in the audit log; the set-up is taken "
            + "back")
    void auditedAndCleanedUp() throws Exception {
        Properties shared = shared();
        List<AuditEvent> records = admin.call(() -> audit.latest(100));
        assertTrue(records.stream().anyMatch(e -> e.getAction().equals("access-request.approved")
                && e.getActor().equals(APPROVER) && e.getDetails().contains("comment: " + COMMENT)
                && e.getTargetName().equals(COMPUTER)), "the approval is recorded");
        assertEquals(3, records.stream().filter(e -> e.getAction().equals("access-request.read")
                && e.getActor().equals(REQUESTER)).count(), "one read, then two within the window");
        assertTrue(records.stream().anyMatch(e -> e.getAction().equals("access-request.expired")
                && e.getTargetId().equals(shared.getProperty("own"))), "the expiry is recorded");
        admin.call(() -> {
            UUID rule = UUID.fromString(shared.getProperty("rule"));
            rules.delete(rule, rules.get(rule).version());
            channels.delete(UUID.fromString(shared.getProperty("mail")));
            channels.delete(UUID.fromString(shared.getProperty("hookChannel")));
            return null;
        });
        for (SignedInCalls.Caller caller : CALLERS) {
            signedIn.retire(caller);
        }
    }

    @Test
    @Order(16)
    @RunAsClient
    void stopMailServer() {
        NotificationListeners.stopAll();
    }

    /** Beside the server's data directory: the server knows it (ams.data.dir), the test JVM prepared it. */
    private static Path sharedFile() {
        String dataDir = System.getProperty("ams.data.dir");
        return (dataDir != null ? Path.of(dataDir) : TestEnvironment.dataDirectory())
                .resolveSibling("approvals-page-it.properties");
    }

    private static Properties shared() {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(sharedFile())) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
