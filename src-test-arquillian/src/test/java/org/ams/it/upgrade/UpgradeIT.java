package org.ams.it.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettings;
import org.ams.access.AccessSettingsService;
import org.ams.access.RevealedKey;
import org.ams.agents.AgentRegistration;
import org.ams.agents.AgentSupport;
import org.ams.agents.RegistrationKeys;
import org.ams.audit.AuditVerification;
import org.ams.audit.ChainVerification;
import org.ams.audit.forward.AuditForwarding;
import org.ams.audit.forward.AuditForwardingSettings;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.Decision;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.crypto.CertificateOverview;
import org.ams.crypto.CertificateRotation;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.SecretVault;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.ReportedFacts;
import org.ams.escrow.Escrow;
import org.ams.escrow.RecoveryKey;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.RoleGrant;
import org.ams.identity.ldap.DirectorySource;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroupService;
import org.ams.identity.signin.RoleService;
import org.ams.identity.signin.SignInResult;
import org.ams.identity.signin.SignInService;
import org.ams.it.AsAdministrator;
import org.ams.it.Deployments;
import org.ams.it.SignedInCalls;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.NotificationChannel;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.platform.MasterKeyCheck;
import org.ams.platform.Migrations;
import org.ams.policy.AgentPolicies;
import org.ams.policy.CompiledPolicies;
import org.ams.policy.Platform;
import org.ams.policy.Policy;
import org.ams.policy.PolicyResolver;
import org.ams.protocol.RecoveryPassword;
import org.flywaydb.core.Flyway;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upgrade keeps every kind of data working: the server started on a database {@link UpgradeFixture} filled at
 * every earlier migration version (V1 to V15) and migrated it to the newest itself; here, through the product's own
 * services, every escrowed recovery password opens with the digest the fixture noted, access requests and rules
 * decide as they did, agent policies resolve, accounts sign in with their roles, sealed settings open, the half-done
 * certificate rotation finishes, a registration key still registers, and the audit chain, records written before it
 * was a chain included, verifies intact.
 * <p>
 * Needs the fixture filled before the server starts (its facts are read from beside the server's data directory)
 * and a server of its own: the fixture adds tenants, channels and settings that classes asserting a fresh server's
 * lists would trip over. Deploy with {@link UpgradeIT}, {@link FixtureFacts} and {@link ProductConstants}.
 * No password is ever printed: passwords are compared by their SHA-256 digests.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    private static final String ADDRESS = "192.0.2.77";

    @Inject
    private AsAdministrator admin;

    @Inject
    private SignedInCalls signedIn;

    @Inject
    private SecretVault vault;

    @Inject
    private Escrow escrow;

    @Inject
    private AccessRequests requests;

    @Inject
    private AuthorizationDecisions decisions;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private AgentPolicies policies;

    @Inject
    private PolicyResolver resolver;

    @Inject
    private SignInService signIn;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private LocalGroupService groups;

    @Inject
    private RoleService roles;

    @Inject
    private EncryptionCertificateService certificates;

    @Inject
    private AuditVerification verification;

    @Inject
    private AccessSettingsService accessSettings;

    @Inject
    private AuditForwarding forwarding;

    @Inject
    private NotificationChannels channels;

    @Inject
    private DirectorySourceService directorySources;

    @Inject
    private RegistrationKeys registrationKeys;

    @Inject
    private AgentRegistration registration;

    @Inject
    private AgentSupport agentSupport;

    @Resource(lookup = "java:app/jdbc/ams")
    private DataSource database;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("The server's own start migrated the fixture's V" + UpgradeFixture.LAST_VERSION + " database to the "
            + "newest version")
    void theServerMigratedTheDatabase() throws Exception {
        assertEquals(String.valueOf(UpgradeFixture.LAST_VERSION), facts().get("fixture.schema-version"));
        List<String> versions = strings("SELECT version FROM flyway_schema_history WHERE success "
                + "ORDER BY installed_rank");
        Flyway product = Migrations.of(AmsSettings.current().databaseUrl()).dataSource(database).load();
        assertEquals(0, product.info().pending().length, "every migration applied: " + versions);
        assertTrue(versions.size() > UpgradeFixture.LAST_VERSION, "the server migrated on: " + versions);
    }

    @Test
    @Order(1)
    @DisplayName("The upgraded database, which had sealed values but no master key check value, got its check value "
            + "from the key that opens them")
    void theMasterKeyCheckValueWasRecorded() throws Exception {
        assertEquals(List.of("1"), strings("SELECT CAST(id AS VARCHAR(8)) FROM master_key_check"));
        try (Connection connection = database.getConnection()) {
            assertEquals(Optional.empty(), new MasterKeyCheck(AmsSettings.current()).problemBeforeStart(connection),
                    "the check value opens with this installation's key");
        }
    }

    @Test
    @Order(2)
    @DisplayName("Every secret sealed at any version opens with the password the fixture sealed")
    void everySecretOpens() throws Exception {
        FixtureFacts facts = facts();
        List<String> secrets = facts.handles("secret");
        assertTrue(secrets.size() >= 10, "the fixture's secrets: " + secrets.size());
        for (String handle : secrets) {
            RecoveryPassword password = as(() -> vault.openRecoveryPassword(facts.id("secret." + handle + ".id")));
            assertEquals(facts.get("secret." + handle + ".sha256"), digest(password), "secret " + handle);
        }
    }

    @Test
    @Order(3)
    @DisplayName("Escrowed keys are listed for their devices with their history")
    void recoveryKeysAreListed() throws Exception {
        FixtureFacts facts = facts();
        for (String handle : facts.handles("recovery-key")) {
            String key = "recovery-key." + handle + ".";
            UUID device = facts.id("device." + facts.get(key + "device") + ".id");
            RecoveryKey listed = as(() -> escrow.keysOf(device)).stream()
                    .filter(k -> k.getId().equals(facts.id(key + "id"))).findFirst().orElseThrow();
            assertEquals(facts.get(key + "protector"), listed.getProtectorId(), handle);
            assertEquals(facts.get(key + "key-id"), listed.getKeyId(), handle);
            assertEquals(facts.get(key + "state"), listed.getState().name(), handle);
            assertEquals(facts.id("secret." + facts.get(key + "secret") + ".id"), listed.getSecretId(), handle);
        }
    }

    @Test
    @Order(4)
    @DisplayName("An access request through a fixture rule reveals the fixture's passwords; a Deny still denies "
            + "and shows the help text kept since V12")
    void accessRequestsRevealAndDeny() throws Exception {
        FixtureFacts facts = facts();
        AccessOutcome granted = signedInAs(facts, "hugo", () -> requests.requestRecoveryPasswords(ADDRESS,
                facts.id("device.kiosk.id"), "Upgrade check"));
        assertTrue(granted.granted(), granted.result().name());
        assertEquals(facts.get("rule.branch.description"), granted.ruleDescription());
        Map<String, String> expected = facts.handles("recovery-key").stream()
                .filter(handle -> facts.get("recovery-key." + handle + ".device").equals("kiosk"))
                .collect(Collectors.toMap(handle -> facts.get("recovery-key." + handle + ".protector"),
                        handle -> facts.get("secret." + facts.get("recovery-key." + handle + ".secret") + ".sha256")));
        assertEquals(expected.size(), granted.keys().size());
        for (RevealedKey key : granted.keys()) {
            assertNotNull(key.password(), key.protectorId());
            assertEquals(expected.get(key.protectorId()), digest(key.password()), key.protectorId());
        }

        AccessOutcome denied = signedInAs(facts, "carla", () -> requests.requestRecoveryPasswords(ADDRESS,
                facts.id("device.laptop.id"), null));
        assertEquals(ResultCode.EXPLICITLY_DENIED, denied.result());
        assertTrue(denied.keys().isEmpty());
        assertEquals(facts.get("access-settings.help-text.sha256"), FixtureFacts.sha256(denied.deniedHelpText()));
    }

    @Test
    @Order(5)
    @DisplayName("The rules decide as the fixture expects for its users and devices")
    void rulesDecide() throws Exception {
        FixtureFacts facts = facts();
        List<String> expectations = facts.handles("decision");
        assertTrue(expectations.size() >= 10);
        for (String handle : expectations) {
            String key = "decision." + handle + ".";
            String user = facts.get(key + "user");
            PrincipalRef principal = principal(facts, user);
            Set<PrincipalRef> memberOf = groupsOf(facts, user);
            Permission permission = Permission.valueOf(facts.get(key + "permission"));
            UUID device = facts.id("device." + facts.get(key + "device") + ".id");
            Decision decision = as(() -> decisions.decide(principal, memberOf, device, permission));
            String what = user + " / " + facts.get(key + "device") + " / " + permission;
            assertEquals(ResultCode.valueOf(facts.get(key + "result")), decision.result(), what);
            String rule = facts.get(key + "rule");
            if (!rule.isEmpty()) {
                assertEquals(facts.id("rule." + rule + ".id"), decision.decidingRule().ruleId(), what);
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName("Agent policies keep their order and settings and resolve for the fixture's devices")
    void agentPoliciesResolve() throws Exception {
        FixtureFacts facts = facts();
        List<Policy> listed = as(() -> policies.policies(Platform.WINDOWS));
        for (String handle : facts.handles("policy")) {
            Policy policy = listed.stream().filter(p -> p.getId().equals(facts.id("policy." + handle + ".id")))
                    .findFirst().orElseThrow(() -> new AssertionError("policy " + handle + " is gone"));
            assertEquals(facts.get("policy." + handle + ".name"), policy.getName());
            assertEquals(facts.flag("policy." + handle + ".enabled"), policy.isEnabled(), handle);
            assertEquals(facts.number("policy." + handle + ".interval"), policy.getCheckInIntervalMinutes(), handle);
        }
        for (String device : facts.handles("device")) {
            String expected = facts.get("device." + device + ".policy", null);
            if (expected == null) {
                continue;
            }
            CompiledPolicies.Resolution resolved = as(() -> resolver.resolve(
                    directory.get(facts.id("device." + device + ".id"))));
            assertEquals(facts.id("policy." + expected + ".id"), resolved.policy().id(), device);
            assertEquals(facts.number("policy." + expected + ".interval"),
                    resolved.settings().checkInIntervalMinutes(), device);
        }
    }

    @Test
    @Order(7)
    @DisplayName("Local accounts sign in with their passwords and get their roles, through their groups too; the "
            + "disabled one cannot; accounts, groups and grants are listed")
    void accountsAndGroups() throws Exception {
        FixtureFacts facts = facts();
        List<LocalAccount> listed = as(() -> accounts.list());
        for (String handle : facts.handles("account")) {
            String key = "account." + handle + ".";
            String username = facts.get(key + "username");
            assertTrue(listed.stream().anyMatch(a -> a.getId().equals(facts.id(key + "id"))
                    && a.getUsername().equals(username) && a.isEnabled() == facts.flag(key + "enabled")), username);
            char[] password = opened(facts, key + "password");
            SignInResult result;
            try {
                result = signIn.signIn(username, password, ADDRESS);
            } finally {
                Arrays.fill(password, '\0');
            }
            if (!facts.flag(key + "enabled")) {
                assertEquals(SignInResult.Status.FAILED, result.status(), username);
                continue;
            }
            assertEquals(SignInResult.Status.SIGNED_IN, result.status(), username);
            assertEquals(facts.get(key + "effective-roles"), result.user().roles().stream().map(Role::roleName)
                    .sorted().collect(Collectors.joining(",")), username);
        }
        for (String handle : facts.handles("group")) {
            UUID id = facts.id("group." + handle + ".id");
            List<String> members = as(() -> groups.list().stream().filter(g -> g.getId().equals(id)).findFirst()
                    .map(g -> g.getMembers().stream().map(LocalAccount::getUsername).toList()).orElse(null));
            assertNotNull(members, "group " + handle + " is gone");
            assertEquals(facts.list("group." + handle + ".members").stream()
                    .map(member -> facts.get("account." + member + ".username"))
                    .sorted(String.CASE_INSENSITIVE_ORDER).toList(), members, handle);
        }
        List<RoleGrant> grants = as(() -> roles.grants());
        assertTrue(grants.stream().anyMatch(g -> g.getRole() == Role.HELPDESK
                && g.principal().id().equals(facts.get("ldap.helpdesk-group.id"))), "the directory group's grant");
    }

    @Test
    @Order(8)
    @DisplayName("Settings and their sealed secrets survive: access settings, audit forwarding, notification "
            + "channels, the directory source, registration keys")
    void settingsSurvive() throws Exception {
        FixtureFacts facts = facts();
        AccessSettings access = as(() -> accessSettings.current());
        assertEquals(facts.get("access-settings.reason-mode"), access.getReasonMode().name());
        assertEquals(facts.get("access-settings.limits"), Arrays.stream(new int[] {
                access.getRateLimits().userPerMinute(), access.getRateLimits().userPerHour(),
                access.getRateLimits().userPerDay(), access.getRateLimits().addressPerMinute(),
                access.getRateLimits().addressPerHour(), access.getRateLimits().addressPerDay()})
                .mapToObj(String::valueOf).collect(Collectors.joining(",")));
        assertFalse(access.isHidePasswordsUntilShown(), "upgraded, the passwords are still shown at once");

        AuditForwardingSettings syslog = as(() -> forwarding.current());
        assertFalse(syslog.isEnabled());
        assertEquals(facts.get("forwarding.host"), syslog.getHost());
        assertEquals(facts.get("forwarding.facility"), syslog.getFacility().name());
        assertEquals(facts.get("forwarding.ca.sha256"), FixtureFacts.sha256(syslog.getTrustedCaPem()));
        assertTrue(syslog.target().isPresent(), "the stored target still passes validation");

        List<NotificationChannel> listed = as(() -> channels.list());
        for (String handle : facts.handles("channel")) {
            NotificationChannel channel = listed.stream().filter(c -> c.getId().equals(facts.id("channel." + handle
                    + ".id"))).findFirst().orElseThrow(() -> new AssertionError("channel " + handle + " is gone"));
            assertEquals(facts.flag("channel." + handle + ".enabled"), channel.isEnabled(), handle);
        }
        assertEquals(facts.get("channel.webhook.header-names"),
                as(() -> channels.storedHeaderNames(facts.id("channel.webhook.id"))));
        assertEquals(facts.get("channel.mail.smtp-password.sha256"), sealedDigest(
                "SELECT smtp_password_sealed FROM notification_channel WHERE id = ?", facts.id("channel.mail.id"),
                ProductConstants.SMTP_PASSWORD_PURPOSE));

        DirectorySource source = as(() -> directorySources.get(facts.id("directory-source.corp.id")));
        assertEquals(facts.get("directory-source.corp.name"), source.getName());
        assertFalse(source.isEnabled());
        assertEquals(facts.get("directory-source.corp.bind-password.sha256"), sealedDigest(
                "SELECT bind_password_sealed FROM directory_source WHERE id = ?", source.getId(),
                ProductConstants.BIND_PASSWORD_PURPOSE));

        for (String handle : facts.handles("registration-key")) {
            String key = "registration-key." + handle + ".";
            UUID id = facts.id(key + "id");
            List<UUID> tenantAndGroups = as(() -> registrationKeys.all().stream().filter(k -> k.getId().equals(id))
                    .findFirst().map(k -> {
                        List<UUID> ids = new ArrayList<>(List.of(k.getTenant().getId()));
                        k.getGroups().stream().map(DeviceGroup::getId).sorted().forEach(ids::add);
                        return ids;
                    }).orElse(null));
            assertNotNull(tenantAndGroups, "registration key " + handle + " is gone");
            List<UUID> expected = new ArrayList<>(List.of(facts.id("tenant." + facts.get(key + "tenant") + ".id")));
            facts.list(key + "groups").stream().map(g -> facts.id("device-group." + g + ".id")).sorted()
                    .forEach(expected::add);
            assertEquals(expected, tenantAndGroups, handle);
        }
    }

    @Test
    @Order(9)
    @DisplayName("The rotation left half done resumes and finishes; the certificates keep their states, and every "
            + "secret is then sealed to the active one and still opens")
    void rotationFinishes() throws Exception {
        FixtureFacts facts = facts();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        CertificateRotation rotation = as(() -> certificates.latestRotation()).orElseThrow();
        while (rotation.isRunning() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            rotation = as(() -> certificates.latestRotation()).orElseThrow();
        }
        assertEquals(facts.id("rotation.resumed.id"), rotation.getId());
        assertEquals(CertificateRotation.State.FINISHED, rotation.getState());
        assertEquals(0, rotation.getFailed());

        List<CertificateOverview> overview = as(() -> certificates.overview());
        for (String handle : List.of("first", "second", "pilot")) {
            CertificateOverview certificate = overview.stream()
                    .filter(c -> c.getId().equals(facts.id("certificate." + handle + ".id"))).findFirst().orElseThrow();
            assertEquals(facts.get("certificate." + handle + ".thumbprint"), certificate.getThumbprint(), handle);
            assertEquals(facts.get("certificate." + handle + ".state"), certificate.getState().name(), handle);
        }
        UUID active = facts.id("certificate.second.id");
        for (String handle : facts.handles("secret")) {
            UUID id = facts.id("secret." + handle + ".id");
            assertEquals(active, as(() -> vault.find(id).orElseThrow().getCertificate().getId()), handle);
            assertEquals(facts.get("secret." + handle + ".sha256"), digest(as(() -> vault.openRecoveryPassword(id))),
                    handle);
        }
    }

    @Test
    @Order(10)
    @DisplayName("The audit chain verifies intact and holds the fixture's records first, in the order written")
    void auditChainIsIntact() throws Exception {
        FixtureFacts facts = facts();
        ChainVerification chain = as(() -> verification.verify());
        assertTrue(chain.intact(), chain.description());
        List<String> written = facts.list("audit.ids");
        assertEquals(facts.number("audit.records"), written.size());
        assertTrue(chain.records() > written.size(), "the server's own records follow the fixture's");
        List<String> stored = strings("SELECT id FROM audit_event WHERE sequence_number <= " + written.size()
                + " ORDER BY sequence_number");
        assertEquals(written, stored);
        assertEquals(1, strings("SELECT id FROM audit_event WHERE action = 'rotation.resumed' AND target_id = '"
                + facts.get("certificate.second.id") + "'").size(), "the server recorded resuming the rotation");
    }

    @Test
    @Order(11)
    @DisplayName("A registration key made before the upgrade still registers a device into its tenant and groups")
    void registrationKeyStillWorks() throws Exception {
        FixtureFacts facts = facts();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] publicKey = generator.generateKeyPair().getPublic().getEncoded();
        char[] key = opened(facts, "registration-key.branch.key");
        Device device;
        try {
            String text = new String(key);
            device = as(() -> {
                agentSupport.setEnabled(true);
                return registration.register(text, publicKey, new ReportedFacts("BR-UPGRADED-01", null,
                        "Windows 11", "10.0.26100", "upgrade-it"));
            });
        } finally {
            Arrays.fill(key, '\0');
        }
        Device registered = as(() -> directory.get(device.getId()));
        assertEquals(facts.id("tenant.branch.directory"), registered.getDirectory().getId());
        List<String> groupNames = as(() -> directory.groupNames(List.of(device.getId()))).getOrDefault(device.getId(),
                List.of());
        assertTrue(groupNames.contains(facts.get("device-group.kiosks.name")), "joined the key's group: " + groupNames);
    }

    /**
     * Calls as a fixture account signed in with its password, as the sign-in page would: the access request works out
     * the account and its local groups from the signed-in caller itself.
     */
    private <T> T signedInAs(FixtureFacts facts, String account, Callable<T> work) throws Exception {
        char[] password = opened(facts, "account." + account + ".password");
        try {
            return signedIn.as(facts.get("account." + account + ".username"), new String(password), work);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Set<PrincipalRef> groupsOf(FixtureFacts facts, String user) {
        try {
            if (user.startsWith("ldap:")) {
                String handle = user.substring("ldap:".length());
                return facts.list("ldap." + handle + ".groups").stream()
                        .map(group -> PrincipalRef.group(facts.get("ldap." + group + ".source"),
                                facts.get("ldap." + group + ".id"), facts.get("ldap." + group + ".name")))
                        .collect(Collectors.toSet());
            }
            UUID id = facts.id("account." + user + ".id");
            return new HashSet<>(as(() -> groups.groupsOf(id)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrincipalRef principal(FixtureFacts facts, String user) {
        if (user.startsWith("ldap:")) {
            String handle = user.substring("ldap:".length());
            return PrincipalRef.user(facts.get("ldap." + handle + ".source"), facts.get("ldap." + handle + ".id"),
                    facts.get("ldap." + handle + ".name"));
        }
        return PrincipalRef.user(ProductConstants.LOCAL_SOURCE, facts.get("account." + user + ".id"),
                facts.get("account." + user + ".username"));
    }

    /** The fixture's facts, beside this server's data directory. */
    private static FixtureFacts facts() {
        return FixtureFacts.read(FixtureFacts.fileFor(AmsSettings.current().dataDirectory()));
    }

    /** A test-only input the fixture sealed with this installation's master key; the caller wipes it. */
    private static char[] opened(FixtureFacts facts, String key) {
        char[] plain = open(facts.get(key + ".sealed"), FixtureFacts.SEALED_PURPOSE);
        assertEquals(facts.get(key + ".sha256"), FixtureFacts.sha256(plain), key);
        return plain;
    }

    /** The digest of a value the product keeps sealed under the master key in a column. */
    private String sealedDigest(String query, UUID id, String purpose) throws SQLException {
        String sealed;
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setObject(1, id);
            try (ResultSet found = statement.executeQuery()) {
                assertTrue(found.next(), query);
                sealed = found.getString(1);
            }
        }
        char[] plain = open(sealed, purpose);
        try {
            return FixtureFacts.sha256(plain);
        } finally {
            Arrays.fill(plain, '\0');
        }
    }

    private static char[] open(String sealedBase64, String purpose) {
        byte[] plain = MasterKey.load(AmsSettings.current()).open(Base64.getDecoder().decode(sealedBase64), purpose);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] text = new char[chars.remaining()];
            chars.get(text);
            return text;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static String digest(RecoveryPassword password) {
        byte[] ascii = password.toAsciiBytes();
        try {
            return FixtureFacts.sha256(ascii);
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    private List<String> strings(String query) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet found = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (found.next()) {
                values.add(found.getString(1));
            }
            return values;
        }
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }
}
