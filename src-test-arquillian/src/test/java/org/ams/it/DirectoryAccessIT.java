package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.access.ApprovalException;
import org.ams.access.ApprovalState;
import org.ams.access.Approvals;
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
import org.ams.identity.IdentitySource;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.ldap.DirectorySource;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.ldap.LdapSettings;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.CallerIdentity;
import org.ams.identity.signin.RoleService;
import org.ams.identity.testing.TestDirectory;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.SmtpSecurity;
import org.ams.notify.channel.SmtpSettings;
import org.ams.protocol.RecoveryPassword;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An access request decided by the groups a directory user signed in with: a real LDAP server (UnboundID's, started
 * inside the server process for this class) is connected as an identity source, its top group is granted Helpdesk,
 * and rules name groups of the directory. The user signs in with their password through the application's own
 * authentication ({@link SignedInCalls}); the service takes the user and every group (nested ones included) from
 * that sign-in, and nothing else: a rule for a group two levels above the user's grants, a rule for a group they
 * are not in does not.
 * <p>
 * Shares the server: the directory, its user (one of its own, so another class's throttled sign-ins do not matter),
 * tenants and devices are this class's own, and the directory source and the role grant are removed at the end.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryAccessIT {

    private static final String USER = "ida.dirtest";
    private static final String USER_DN = "cn=Ida Dirtest," + TestDirectory.USER_BASE;
    private static final String PASSWORD = "Ida-Password-2026";
    private static final String APPROVER = "ivan.dirtest";
    private static final String APPROVER_DN = "cn=Ivan Dirtest," + TestDirectory.USER_BASE;
    private static final String RECOVERY_PASSWORD = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String PROTECTOR = "{5A6B7C8D-9E0F-4A1B-8C2D-3E4F5A6B7C8D}";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String COMPUTER = "DIRACC-PC-3";

    /** This class's state, kept between its methods in the server's JVM. */
    private static TestDirectory ldap;
    private static UUID sourceId;
    private static UUID grantId;
    private static UUID readable;
    private static UUID notReadable;
    private static UUID mailChannel;

    @Inject
    private AsAdministrator admin;
    @Inject
    private SignedInCalls signedIn;
    @Inject
    private DirectorySourceService directories;
    @Inject
    private RoleService roles;
    @Inject
    private DeviceDirectory devices;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private AuthorizationRules rules;
    @Inject
    private AccessRequests requests;
    @Inject
    private CallerIdentity callerIdentity;
    @Inject
    private Approvals approvals;
    @Inject
    private NotificationChannels channels;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a directory with a user three groups below Helpdesk Staff; rules for Tier 2 and for Sales")
    void setUp() throws Exception {
        ldap = TestDirectory.start();
        ldap.server().add("dn: " + USER_DN, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: user", "cn: Ida Dirtest", "sn: Dirtest",
                "sAMAccountName: " + USER, "userAccountControl: 512", "userPassword: " + PASSWORD);
        ldap.server().modify("cn=Night Shift," + TestDirectory.GROUP_BASE,
                new Modification(ModificationType.ADD, "member", USER_DN));
        DirectorySource source = admin.call(() -> directories.add("Directory access IT " + SUFFIX,
                new LdapSettings(ldap.url(), LdapSettings.Security.STARTTLS, ldap.certificatePem(),
                        TestDirectory.BIND_DN, TestDirectory.USER_BASE, TestDirectory.GROUP_BASE, "sAMAccountName",
                        LdapSettings.Membership.MEMBER_WALK, LdapSettings.StableId.ENTRY_UUID, 10_000, 10_000),
                TestDirectory.BIND_PASSWORD.toCharArray()));
        sourceId = source.getId();
        grantId = admin.call(() -> roles.grant(Role.HELPDESK, group(source, "Helpdesk Staff"))).getId();

        Tenant readableTenant = admin.call(() -> devices.createTenant("Directory access IT readable " + SUFFIX));
        Tenant otherTenant = admin.call(() -> devices.createTenant("Directory access IT sales " + SUFFIX));
        Device readableDevice = fixture.register(readableTenant, "DIRACC-PC-1");
        Device otherDevice = fixture.register(otherTenant, "DIRACC-PC-2");
        for (Device device : List.of(readableDevice, otherDevice)) {
            fixture.ensureActiveCertificate("AMS directory access IT", "Directory-Access-IT-backup-1");
            fixture.escrowKeyToActiveCertificate(device, PROTECTOR, RECOVERY_PASSWORD);
        }
        readable = readableDevice.getId();
        notReadable = otherDevice.getId();
        admin.call(() -> {
            rules.create(new RuleDefinition(RuleTarget.tenant(readableTenant.getId()), "Tier 2 reads " + SUFFIX,
                    true, null, List.of(AccessControlEntry.allow(group(source, "Tier 2"),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
            rules.create(new RuleDefinition(RuleTarget.tenant(otherTenant.getId()), "Sales reads " + SUFFIX,
                    true, null, List.of(AccessControlEntry.allow(group(source, "Sales"),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
            return null;
        });
    }

    @Test
    @Order(2)
    @DisplayName("Signed in with a password, the caller is the directory's user with every group the directory holds, nested ones included")
    void theSignInCarriesTheDirectorysGroups() throws Exception {
        AuthenticatedUser caller = signedIn.as(USER, PASSWORD, callerIdentity::signedIn);
        String source = sourceKey();

        assertEquals(PrincipalKind.USER, caller.user().kind());
        assertEquals(source, caller.user().source(), "the user of the directory, not a local account");
        // Night Shift is in Tier 2, which is in Helpdesk Staff; Night Shift and Loop A / Loop B contain each other (a
        // cycle, followed once).
        assertEquals(Set.of("Night Shift", "Tier 2", "Helpdesk Staff", "Loop A", "Loop B"), caller.groups().stream()
                .filter(group -> group.source().equals(source)).map(PrincipalRef::name)
                .collect(Collectors.toSet()), caller.groups().toString());
        assertEquals(Set.of(Role.HELPDESK), caller.roles(), "Helpdesk through the top group");
    }

    @Test
    @Order(3)
    @DisplayName("A rule for a group two levels above the user's grants; a rule for a group they are not in does not")
    void theRulesDecideByTheDirectorysGroups() throws Exception {
        AccessOutcome granted = signedIn.as(USER, PASSWORD, () -> requests.requestRecoveryPasswords("192.0.2.31",
                readable, "Locked out; ticket 4242"));
        AccessOutcome denied = signedIn.as(USER, PASSWORD, () -> requests.requestRecoveryPasswords("192.0.2.31",
                notReadable, "Locked out; ticket 4243"));

        assertEquals(ResultCode.SUCCESS, granted.result());
        assertEquals("Tier 2 reads " + SUFFIX, granted.ruleDescription());
        assertEquals(1, granted.keys().size());
        assertTrue(granted.keys().get(0).password().equals(RecoveryPassword.parse(RECOVERY_PASSWORD)),
                "the escrowed recovery password is shown");
        assertEquals(ResultCode.NO_MATCHING_RULE_FOR_USER, denied.result());
        assertFalse(denied.granted());
        assertTrue(denied.keys().isEmpty());
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("Set-up: a mail server (GreenMail) the rule's email channel sends to")
    void startMailServer() throws IOException {
        Properties shared = new Properties();
        shared.setProperty("smtp", String.valueOf(NotificationListeners.startMail()));
        try (var out = Files.newOutputStream(sharedFile())) {
            shared.store(out, "DirectoryAccessIT");
        }
    }

    @Test
    @Order(5)
    @DisplayName("Approval by a directory group: a member approves, the requester (also a member) may not; the "
            + "directory's mail attribute is the requester's address")
    void approvalByADirectoryGroup() throws Exception {
        ldap.server().modify(USER_DN, new Modification(ModificationType.ADD, "mail", "ida.dirtest@corp.example"));
        ldap.server().add("dn: " + APPROVER_DN, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: user", "cn: Ivan Dirtest", "sn: Dirtest",
                "sAMAccountName: " + APPROVER, "userAccountControl: 512", "userPassword: " + PASSWORD);
        ldap.server().modify("cn=Night Shift," + TestDirectory.GROUP_BASE,
                new Modification(ModificationType.ADD, "member", APPROVER_DN));
        DirectorySource source = admin.call(() -> directories.get(sourceId));
        Tenant tenant = admin.call(() -> devices.createTenant("Directory access IT approval " + SUFFIX));
        Device device = fixture.register(tenant, COMPUTER);
        Properties shared = new Properties();
        try (var in = Files.newInputStream(sharedFile())) {
            shared.load(in);
        }
        mailChannel = admin.call(() -> channels.create(ChannelDefinition.smtp("Directory access IT mail " + SUFFIX,
                true, false, false, new SmtpSettings("127.0.0.1", Integer.parseInt(shared.getProperty("smtp")),
                SmtpSecurity.NONE, "ams-it", "ams-it@corp.example", "approvers@corp.example",
                SmtpSettings.DEFAULT_SUBJECT, SmtpSettings.DEFAULT_BODY)), NotificationsIT.SMTP_PASSWORD.toCharArray(),
                null).getId());
        RuleOverview rule = admin.call(() -> rules.save(null, 0, new RuleDefinition(RuleTarget.tenant(tenant.getId()),
                "Tier 2 reads after the night shift approves " + SUFFIX, true, null, List.of(AccessControlEntry.allow(
                group(source, "Tier 2"), Permission.READ_BITLOCKER_RECOVERY_PASSWORD)),
                new RuleApproval(group(source, "Night Shift"), 1, 60, true)), List.of(mailChannel), List.of()));
        try {
            AccessOutcome waiting = signedIn.as(USER, PASSWORD, () -> requests.requestRecoveryPasswords(
                    "192.0.2.32", device.getId(), "Locked out; ticket 4244"));
            assertEquals(ResultCode.APPROVAL_PENDING, waiting.result());
            UUID request = waiting.approval().id();
            assertThrows(ApprovalException.class, () -> signedIn.as(USER, PASSWORD, () -> approvals.approve(
                    "192.0.2.32", request, "my own")));
            assertTrue(signedIn.as(APPROVER, PASSWORD, approvals::isApprover), "a member of the directory group");
            assertEquals(ApprovalState.APPROVED, signedIn.as(APPROVER, PASSWORD, () -> approvals.approve(
                    "192.0.2.33", request, "night shift says yes")).state());
            assertEquals(ResultCode.SUCCESS, signedIn.as(USER, PASSWORD, () -> requests.requestRecoveryPasswords(
                    "192.0.2.32", device.getId(), "Locked out; ticket 4244")).result());

            // Where the requester is told: the mail attribute, read by stable id from the directory.
            PrincipalRef ida = signedIn.as(USER, PASSWORD, callerIdentity::signedIn).user();
            IdentitySource directory = directories.identitySources().stream()
                    .filter(candidate -> candidate.key().equals(source.sourceKey())).findFirst().orElseThrow();
            assertEquals(Optional.of("ida.dirtest@corp.example"), directory.emailOf(ida));
            PrincipalRef ivan = signedIn.as(APPROVER, PASSWORD, callerIdentity::signedIn).user();
            assertEquals(Optional.empty(), directory.emailOf(ivan), "no mail attribute, no address");
            assertEquals(Optional.empty(), directory.emailOf(PrincipalRef.user(ida.source(), "another-id", USER)),
                    "the name of another account");
        } finally {
            admin.call(() -> {
                rules.delete(rule.id(), rules.get(rule.id()).version());
                return null;
            });
        }
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("The directory user is told of the approval by email, at the address of their mail attribute alone, "
            + "without the password")
    void requesterToldAtTheirDirectoryAddress() throws Exception {
        try {
            MimeMessage told = NotificationListeners.awaitMail("Approved: your request for the recovery passwords of "
                    + COMPUTER, Duration.ofSeconds(60));
            assertEquals(List.of("ida.dirtest@corp.example"), Stream.of(told.getAllRecipients())
                    .map(Object::toString).toList());
            assertFalse(NotificationListeners.body(told).contains(RECOVERY_PASSWORD.substring(0, 13)));
        } finally {
            NotificationListeners.stopAll();
        }
    }

    @Test
    @Order(7)
    @DisplayName("Clean-up: the role grant, the mail channel and the directory source are removed, the directory "
            + "stopped")
    void cleanUp() throws Exception {
        admin.call(() -> {
            channels.delete(mailChannel);
            roles.revoke(grantId);
            directories.remove(sourceId);
            return null;
        });
        ldap.close();
        assertTrue(admin.call(() -> directories.find(sourceId)).isEmpty());
    }

    private static Path sharedFile() {
        String dataDir = System.getProperty("ams.data.dir");
        return (dataDir != null ? Path.of(dataDir) : TestEnvironment.dataDirectory())
                .resolveSibling("directory-access-it.properties");
    }

    private String sourceKey() throws Exception {
        return admin.call(() -> directories.get(sourceId)).sourceKey();
    }

    /** The directory's group by name, as the principal picker finds it. */
    private PrincipalRef group(DirectorySource source, String name) {
        return roles.searchPrincipals(name).found().stream()
                .filter(found -> found.kind() == PrincipalKind.GROUP && found.name().equals(name)
                        && found.source().equals(source.sourceKey()))
                .findFirst().orElseThrow(() -> new AssertionError("the directory has no group " + name));
    }
}
