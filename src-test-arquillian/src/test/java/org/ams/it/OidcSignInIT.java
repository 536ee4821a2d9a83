package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.access.SelfServiceRecovery;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.RuleApproval;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleOverview;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.oidc.OidcClaims;
import org.ams.identity.oidc.OidcClientAuth;
import org.ams.identity.oidc.OidcClientKey;
import org.ams.identity.oidc.OidcProviderService;
import org.ams.identity.oidc.OidcSettings;
import org.ams.identity.signin.RoleService;
import org.ams.identity.signin.SignInResult;
import org.ams.identity.signin.SignInService;
import org.ams.it.server.KeycloakServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on with a real OpenID Connect provider: Keycloak, started once for this class by the test JVM on
 * loopback with a realm whose users belong to Keycloak groups ({@link org.ams.it.server.KeycloakServer}). The
 * administrator configures the provider under Settings / Authentication (Test, Save) and names the Keycloak group;
 * a role and an authorization rule are granted to that group; its member signs in through Keycloak, reads a
 * recovery password and signs out (at Keycloak too); a member of another group signs in but is denied. Then the
 * provider is misconfigured as an administrator could (wrong client secret, a user-name claim the token lacks, a
 * provider that is down) and an answer that this browser never asked for is replayed: each is refused with a
 * sentence on the sign-in page, no session, and a sign-in failure in the audit log. Bad issuer, audience, expiry,
 * signature and nonce, which a real provider cannot be made to send, are OidcTokenCheckTest's.
 * <p>
 * In-container methods make and check the data; the client ones drive the browser ({@link OidcSignInClient}: this
 * class is loaded in the server too). The provider, its group name, the grants and the rule are removed at the end.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSignInIT {

    static final String TENANT = "OIDC sign-in";
    static final String COMPUTER = "OIDC-PC-1";
    static final String PROTECTOR = "{0D1C2B3A-4F5E-4D6C-8B7A-9F8E7D6C5B4A}";
    static final String RECOVERY_PASSWORD = "201355-464728-115841-306075-532312-085448-634887-231979";
    static final String HELPDESK_GROUP = "/ams-helpdesk";
    static final String SALES_GROUP = "/ams-sales";
    static final String HELPDESK_NAME = "Helpdesk (Keycloak)";
    static final String HELPDESK_USER = "oidc-alice";
    static final String HELPDESK_PASSWORD = "Alice-Keycloak-2026";
    static final String SALES_USER = "oidc-bob";
    static final String SALES_PASSWORD = "Bob-Keycloak-2026";
    static final String BUTTON = "Keycloak";
    static final String RULE = "Keycloak helpdesk reads";
    /** Port 9 (discard): nothing listens there on these machines. */
    static final String DOWN_ISSUER = "http://127.0.0.1:9/realms/ams";

    /** This class's state, kept between its in-container methods in the server's JVM. */
    private static OidcSettings configured;
    private static List<UUID> grants;
    private static UUID computerId;
    private static UUID allDevicesId;

    @Inject
    private AsAdministrator admin;
    @Inject
    private DeviceFixture fixture;
    @Inject
    private DeviceDirectory directory;
    @Inject
    private AuthorizationRules rules;
    @Inject
    private RoleService roles;
    @Inject
    private OidcProviderService providers;
    @Inject
    private SignInService signIn;
    @Inject
    private SignedInCalls signedIn;
    @Inject
    private AuditTrail audit;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startProvider() throws Exception {
        if (System.getProperty("ams.it.deployments") != null) {
            OidcSignInClient.start();
        }
    }

    @AfterAll
    static void stopProvider() throws Exception {
        if (System.getProperty("ams.it.deployments") != null) {
            OidcSignInClient.stop();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a computer with a recovery password in a tenant of its own")
    void computer() throws Exception {
        Tenant tenant = admin.call(() -> directory.createTenant(TENANT));
        Device device = fixture.register(tenant, COMPUTER);
        computerId = device.getId();
        allDevicesId = admin.call(() -> directory.groups()).stream()
                .filter(group -> group.isAllDevices() && group.getTenant().getId().equals(tenant.getId()))
                .findFirst().orElseThrow().getId();
        fixture.ensureActiveCertificate("AMS OIDC sign-in IT", "Oidc-sign-in-IT-backup");
        fixture.escrowKeyToActiveCertificate(device, PROTECTOR, RECOVERY_PASSWORD);
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("The administrator tests a wrong issuer and a provider that is down, then configures Keycloak and "
            + "names its group")
    void administratorConfiguresTheProvider() throws Exception {
        OidcSignInClient.at(base);
        OidcSignInClient.administratorConfiguresTheProvider();
    }

    @Test
    @Order(3)
    @DisplayName("The named Keycloak group is found by the principal picker; Helpdesk is granted to it and to the "
            + "sales group by its claim value")
    void grantsToTheKeycloakGroups() throws Exception {
        configured = admin.call(() -> providers.settings()).orElseThrow();
        PrincipalRef helpdesk = admin.call(() -> roles.searchPrincipals("Keycloak")).found().stream()
                .filter(found -> found.kind() == PrincipalKind.GROUP && found.source().equals(OidcClaims.SOURCE))
                .findFirst().orElseThrow(() -> new AssertionError("the picker does not offer the named group"));
        assertEquals(HELPDESK_GROUP, helpdesk.id());
        assertEquals(HELPDESK_NAME, helpdesk.name());
        // The sales group is not named: a group is granted by its claim value all the same.
        PrincipalRef sales = PrincipalRef.group(OidcClaims.SOURCE, SALES_GROUP, SALES_GROUP);
        admin.call(() -> {
            grants = List.of(roles.grant(Role.HELPDESK, helpdesk).getId(), roles.grant(Role.HELPDESK, sales).getId());
            return null;
        });
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("The administrator writes a rule for the Keycloak group with the ACL editor")
    void ruleForTheKeycloakGroup() {
        OidcSignInClient.ruleForTheKeycloakGroup();
    }

    @Test
    @Order(5)
    @RunAsClient
    @DisplayName("A member of the allowed Keycloak group signs in, reads the recovery password and signs out at "
            + "Keycloak too")
    void groupMemberReadsAndSignsOut() throws Exception {
        OidcSignInClient.groupMemberReadsAndSignsOut();
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("A member of another Keycloak group signs in with Helpdesk but is denied the password")
    void otherGroupIsDenied() {
        OidcSignInClient.otherGroupIsDenied();
    }

    @Test
    @Order(7)
    @RunAsClient
    @DisplayName("The effective-access tool explains both Keycloak users' decisions with the groups their last "
            + "sign-in brought, and says so")
    void effectiveAccessOfTheKeycloakUsers() {
        OidcSignInClient.effectiveAccessOfTheKeycloakUsers();
    }

    @Test
    @Order(7)
    @DisplayName("A Keycloak user's groups are those of their last sign-in; one who never signed in gets a sentence, "
            + "not a guess")
    void groupsOfTheLastSignIn() throws Exception {
        PrincipalRef alice = admin.call(() -> roles.searchPrincipals(HELPDESK_USER)).found().stream()
                .filter(found -> found.kind() == PrincipalKind.USER && found.source().equals(OidcClaims.SOURCE))
                .findFirst().orElseThrow(() -> new AssertionError("the picker does not offer the signed-in user"));
        RoleService.DescribedUser described = admin.call(() -> roles.explainable(alice));
        assertTrue(described.groupsAsOf() != null, "the groups are said to be those of a sign-in");
        assertTrue(described.user().groups().contains(PrincipalRef.group(OidcClaims.SOURCE, HELPDESK_GROUP,
                HELPDESK_NAME)), described.user().groups().toString());
        assertTrue(described.user().roles().contains(Role.HELPDESK));

        PrincipalRef stranger = PrincipalRef.user(OidcClaims.SOURCE, UUID.randomUUID().toString(), "oidc-nobody");
        IdentityException never = assertThrows(IdentityException.class, () -> admin.call(() ->
                roles.explainable(stranger)));
        assertTrue(never.getMessage().startsWith("oidc-nobody has not signed in through Keycloak (OpenID Connect) "
                + "yet"), never.getMessage());
    }

    @Test
    @Order(8)
    @RunAsClient
    @DisplayName("A provider's answer this browser did not ask for (a replayed state) is refused")
    void replayedAnswerIsRefused() {
        OidcSignInClient.replayedAnswerIsRefused();
    }

    @Test
    @Order(9)
    @DisplayName("Misconfigured: a wrong client secret")
    void wrongClientSecret() throws Exception {
        save(configured, "not-the-client-secret");
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("With a wrong client secret, Keycloak refuses the token request and the page says so")
    void wrongClientSecretIsRefused() {
        OidcSignInClient.refusedAfterSignIn(OidcSignInClient.PROVIDER_REFUSED);
    }

    @Test
    @Order(11)
    @DisplayName("Misconfigured: a user-name claim the token does not carry")
    void missingUserNameClaim() throws Exception {
        save(new OidcSettings(true, configured.issuer(), configured.clientId(), configured.scopes(),
                "employee_number", configured.groupsClaim(), configured.buttonLabel(), false),
                org.ams.it.server.KeycloakServer.CLIENT_SECRET);
    }

    @Test
    @Order(12)
    @RunAsClient
    @DisplayName("A token without the user-name claim is refused")
    void missingUserNameIsRefused() {
        OidcSignInClient.refusedAfterSignIn(OidcSignInClient.MISSING_USERNAME);
    }

    @Test
    @Order(13)
    @DisplayName("Misconfigured: a provider that is down")
    void providerDown() throws Exception {
        save(new OidcSettings(true, DOWN_ISSUER, configured.clientId(), configured.scopes(),
                configured.usernameClaim(), configured.groupsClaim(), configured.buttonLabel(), false), null);
    }

    @Test
    @Order(14)
    @RunAsClient
    @DisplayName("With the provider down, the sign-in page says so at once")
    void providerDownIsRefused() {
        OidcSignInClient.refusedAtStart(OidcSignInClient.PROVIDER_DOWN);
    }

    @Test
    @Order(15)
    @DisplayName("Password sign-in left to the administrator: another local account is refused, admin signs in")
    void passwordSignInForTheAdministratorOnly() throws Exception {
        SignedInCalls.Caller local = signedIn.newAccount("oidc-local", Role.HELPDESK);
        save(new OidcSettings(true, configured.issuer(), configured.clientId(), configured.scopes(),
                configured.usernameClaim(), configured.groupsClaim(), configured.buttonLabel(), true), null);
        try {
            assertEquals(SignInResult.Status.PASSWORD_SIGN_IN_OFF,
                    signIn.signIn(local.name(), local.password().toCharArray(), "127.0.0.9").status());
            // The server's administrator password, as the tests started it (TestEnvironment is the client's).
            assertEquals(SignInResult.Status.SIGNED_IN, signIn.signIn("admin",
                    System.getProperty("ams.admin.password").toCharArray(), "127.0.0.9").status());
        } finally {
            save(configured, null);
        }
        assertEquals(SignInResult.Status.SIGNED_IN,
                signIn.signIn(local.name(), local.password().toCharArray(), "127.0.0.9").status());
        signedIn.retire(local);
    }

    @Test
    @Order(16)
    @DisplayName("Self-service for a Keycloak user: the sales group gets SelfService, one of its users is the "
            + "computer's primary user, and self-service recovery is on for the computer's tenant")
    void selfServiceForAKeycloakUser() throws Exception {
        PrincipalRef sales = PrincipalRef.group(OidcClaims.SOURCE, SALES_GROUP, SALES_GROUP);
        admin.call(() -> {
            List<UUID> all = new ArrayList<>(grants);
            all.add(roles.grant(Role.SELF_SERVICE, sales).getId());
            grants = List.copyOf(all);
            directory.setSelfServiceRecovery(allDevicesId, true);
            directory.setPrimaryUser(computerId, SALES_USER);
            return null;
        });
    }

    @Test
    @Order(17)
    @RunAsClient
    @DisplayName("The Keycloak user signs in with the provider and reads their computer's recovery password at "
            + "/recover by its key ID, which no rule lets their group read on the helpdesk page")
    void keycloakUserRecoversTheirComputer() {
        OidcSignInClient.keycloakUserRecoversTheirComputer();
    }

    @Test
    @Order(18)
    @DisplayName("The self-service read is audited under the Keycloak user's name")
    void selfServiceReadIsAudited() throws Exception {
        List<AuditEvent> reads = admin.call(() -> audit.latest(200)).stream()
                .filter(record -> SelfServiceRecovery.ACTION.equals(record.getAction())
                        && COMPUTER.equals(record.getTargetName()))
                .toList();
        assertEquals(1, reads.size(), reads.toString());
        assertEquals(SALES_USER, reads.get(0).getActor());
        assertEquals("SUCCESS", reads.get(0).getResultCode());
        admin.call(() -> directory.setSelfServiceRecovery(allDevicesId, false));
    }

    @Test
    @Order(19)
    @DisplayName("The Keycloak helpdesk group's rule now needs the approval of one member of the Keycloak sales group")
    void approvalByAKeycloakGroup() throws Exception {
        admin.call(() -> {
            RuleOverview rule = rules.list().stream().filter(candidate -> RULE.equals(candidate.description()))
                    .findFirst().orElseThrow(() -> new AssertionError("the rule made in the browser is not there"));
            return rules.update(rule.id(), rule.version(), new RuleDefinition(rule.target(), rule.description(),
                    rule.enabled(), rule.expiresAt(), rule.acl(), new RuleApproval(
                    PrincipalRef.group(OidcClaims.SOURCE, SALES_GROUP, SALES_GROUP), 1, 60, true)));
        });
    }

    @Test
    @Order(20)
    @RunAsClient
    @DisplayName("A Keycloak helpdesk user's request waits; a member of the Keycloak sales group approves it on the "
            + "Approvals page, as the groups of their token make them an approver; then the password is shown once")
    void keycloakGroupApproves() {
        OidcSignInClient.keycloakGroupApproves();
    }

    @Test
    @Order(21)
    @DisplayName("The approval is audited under the Keycloak approver's name")
    void approvalIsAudited() throws Exception {
        List<AuditEvent> approved = admin.call(() -> audit.latest(200)).stream()
                .filter(record -> "access-request.approved".equals(record.getAction())).toList();
        assertTrue(approved.stream().anyMatch(record -> SALES_USER.equals(record.getActor())
                && record.getTargetName() != null && record.getTargetName().contains(COMPUTER)), approved.toString());
    }

    @Test
    @Order(22)
    @DisplayName("The private key JWT: refused before AMS has a client key; then a key is generated, its public half "
            + "published, and the provider saved to sign in through Keycloak's client that reads AMS's JWKS")
    void privateKeyJwt() throws Exception {
        OidcSettings jwt = new OidcSettings(true, configured.issuer(), KeycloakServer.JWT_CLIENT_ID,
                configured.scopes(), configured.usernameClaim(), configured.groupsClaim(), configured.buttonLabel(),
                false);
        admin.call(() -> {
            providers.removeClientKey(); // another class may have made one
            return null;
        });
        IdentityException noKey = assertThrows(IdentityException.class, () -> admin.call(() -> {
            providers.save(jwt, null, OidcClientAuth.PRIVATE_KEY_JWT);
            return null;
        }));
        assertEquals("Generate AMS's client key first and register it at the provider; then choose the private key "
                + "JWT.", noKey.getMessage());
        assertEquals(Optional.of(OidcClientAuth.CLIENT_SECRET), admin.call(() -> providers.clientAuth()),
                "nothing changed");
        assertEquals(KeycloakServer.CLIENT_ID, admin.call(() -> providers.settings()).orElseThrow().clientId());

        OidcClientKey key = admin.call(() -> providers.generateClientKey());
        String jwks = providers.clientJwks().orElseThrow();
        assertTrue(jwks.contains("\"kid\":\"" + key.getKeyId() + "\""), jwks);
        assertFalse(jwks.contains("\"d\""), "no private part is published");
        admin.call(() -> {
            providers.save(jwt, null, OidcClientAuth.PRIVATE_KEY_JWT);
            return null;
        });
        IdentityException inUse = assertThrows(IdentityException.class, () -> admin.call(() -> {
            providers.removeClientKey();
            return null;
        }));
        assertEquals("The provider signs in with this key: choose the client secret and save first.",
                inUse.getMessage());
    }

    @Test
    @Order(23)
    @RunAsClient
    @DisplayName("A Keycloak user signs in while AMS authenticates to Keycloak with its key, not a secret")
    void signInWithThePrivateKeyJwt() throws Exception {
        OidcSignInClient.signInWithThePrivateKeyJwt();
    }

    @Test
    @Order(24)
    @DisplayName("Every sign-in through the provider is audited, each refusal with why; clean-up")
    void auditedAndCleanedUp() throws Exception {
        List<AuditEvent> records = admin.call(() -> audit.latest(500)).stream()
                .filter(record -> record.getAction().startsWith("signin.oidc")).toList();
        Set<String> outcomes = records.stream().map(AuditEvent::getResultCode).collect(Collectors.toSet());
        assertTrue(outcomes.containsAll(Set.of("SIGNED_IN", "REPLAYED", "PROVIDER_REFUSED", "MISSING_USERNAME",
                "PROVIDER_DOWN")), outcomes.toString());
        assertTrue(records.stream().anyMatch(record -> "signin.oidc".equals(record.getAction())
                && HELPDESK_USER.equals(record.getTargetName())), "the helpdesk user's sign-in names them");
        assertTrue(records.stream().allMatch(record -> record.getDetails() == null
                || !record.getDetails().contains(org.ams.it.server.KeycloakServer.CLIENT_SECRET)),
                "no client secret in the audit log");
        admin.call(() -> {
            RuleOverview rule = rules.list().stream().filter(candidate -> RULE.equals(candidate.description()))
                    .findFirst().orElseThrow(() -> new AssertionError("the rule made in the browser is not there"));
            rules.delete(rule.id(), rule.version());
            grants.forEach(roles::revoke);
            providers.forgetGroup(HELPDESK_GROUP);
            providers.remove();
            return null;
        });
        assertTrue(admin.call(() -> providers.settings()).isEmpty());
    }

    private void save(OidcSettings settings, String secret) throws Exception {
        admin.call(() -> {
            providers.save(settings, secret == null ? null : secret.toCharArray());
            return null;
        });
    }
}
