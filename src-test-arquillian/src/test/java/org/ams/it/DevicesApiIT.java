package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceState;
import org.ams.devices.Tenant;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.signin.RoleService;
import org.ams.keyimport.FileKeyImport;
import org.ams.token.ApiToken;
import org.ams.token.ApiTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device administration and effective access through {@code /api/v1} with tokens of scope ADMINISTER_DEVICES: the
 * Devices page's list and decisions, made by the same service and audited the same way (the record names the token),
 * and the Effective access page's answer, compared with the page itself. A token without the scope, one whose owner
 * lacks the Administrator role, a revoked and an expired token are refused and change nothing; so is a state change
 * the device's state does not allow.
 * <p>
 * In-container methods (no {@link RunAsClient}) set up and check through the product's services; client methods
 * issue the tokens on Settings / API tokens and make the calls ({@link DevicesApiClient}, kept apart because this
 * class is loaded inside the server too).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevicesApiIT {

    static final String ADMINISTRATOR = "dapi-adele";
    static final String HELPDESK_USER = "dapi-hugo";
    static final String NO_RULES_USER = "dapi-nina";
    static final String PASSWORD = "Devices-api-IT-pass-1";
    static final String TENANT = "DAPI tenant";
    static final String WAITING_1 = "DAPI-WAIT-1";
    static final String WAITING_2 = "DAPI-WAIT-2";
    static final String COMPUTER_1 = "DAPI-PC-1";
    static final String COMPUTER_2 = "DAPI-PC-2";
    static final String RULE = "DAPI hugo reads DAPI-PC-1";
    static final String DEVICES = "adele: device script";
    static final String METADATA_ONLY = "adele: metadata only";
    static final String NOT_ADMINISTRATOR = "hugo: device script";
    static final String TO_REVOKE = "adele: devices, to revoke";
    static final String TO_EXPIRE = "adele: devices, to expire";
    private static final java.util.Set<String> DECISIONS = java.util.Set.of("device.approved", "device.rejected",
            "device.disabled", "device.enabled", "device.deleted");

    @Inject
    private AsAdministrator admin;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private RoleService roles;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private ApiTokens tokens;

    @Inject
    private AuditTrail audit;

    @Inject
    private TokenClock clock;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startBrowser() {
        if (System.getProperty("ams.it.deployments") != null) {
            DevicesApiClient.start();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: an administrator, a helpdesk user with a rule for DAPI-PC-1, a user without rules, and a tenant with two pending and two approved devices")
    void setUp() throws Exception {
        // The key import from a file seals what it imports (DevicesApiClient.importKeysFromAFile).
        fixture.ensureActiveCertificate("AMS devices API IT", "Devices-API-IT-backup-1");
        Tenant tenant = admin.call(() -> {
            LocalAccount adele = accounts.add(ADMINISTRATOR, "Adele Admin", PASSWORD.toCharArray());
            roles.grant(Role.ADMINISTRATOR, adele.principal());
            LocalAccount hugo = accounts.add(HELPDESK_USER, "Hugo Helpdesk", PASSWORD.toCharArray());
            roles.grant(Role.HELPDESK, hugo.principal());
            accounts.add(NO_RULES_USER, "Nina No-rules", PASSWORD.toCharArray());
            return directory.createTenant(TENANT);
        });
        fixture.registerAwaitingApproval(tenant, WAITING_1);
        fixture.registerAwaitingApproval(tenant, WAITING_2);
        Device computer = fixture.register(tenant, COMPUTER_1);
        fixture.register(tenant, COMPUTER_2);
        admin.call(() -> rules.create(new RuleDefinition(RuleTarget.computer(computer.getId()), RULE, true, null,
                List.of(AccessControlEntry.allow(account(HELPDESK_USER).principal(),
                        Permission.READ_BITLOCKER_RECOVERY_PASSWORD)))));
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Settings / API tokens offers ADMINISTER_DEVICES; tokens are issued with it to an administrator and to a helpdesk user")
    void issueTokens() {
        DevicesApiClient.at(base);
        DevicesApiClient.issueTokens();
    }

    @Test
    @Order(3)
    @RunAsClient
    @DisplayName("Effective access: the page's decision and rules for a user with a rule and one without; refused without the scope or the Administrator role")
    void effectiveAccess() {
        DevicesApiClient.effectiveAccess();
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("Devices: listed by state and name, paged; approved, rejected, disabled, enabled and deleted; refusals change nothing")
    void administerDevices() {
        DevicesApiClient.administerDevices();
    }

    @Test
    @Order(5)
    @DisplayName("Each decision made through the API is audited as the page's, by the owner, naming the token; the refused ones recorded nothing")
    void decisionsAreAudited() throws Exception {
        String via = "via API token " + token(DEVICES).getId();
        Map<String, List<AuditEvent>> byDevice = admin.call(() -> audit.latest(2000)).stream()
                .filter(event -> DECISIONS.contains(event.getAction()) && event.getTargetName().startsWith("DAPI-"))
                .collect(Collectors.groupingBy(AuditEvent::getTargetName));
        assertEquals(List.of("device.approved"), actions(byDevice.get(WAITING_1)));
        assertEquals(List.of("device.rejected"), actions(byDevice.get(WAITING_2)));
        assertEquals(List.of("device.disabled", "device.enabled"), actions(byDevice.get(COMPUTER_1)));
        assertEquals(List.of("device.deleted"), actions(byDevice.get(COMPUTER_2)));
        for (List<AuditEvent> events : byDevice.values()) {
            for (AuditEvent event : events) {
                assertEquals(ADMINISTRATOR, event.getActor(), "the token's owner made the decision");
                assertEquals(via, event.getDetails(), event.getAction());
            }
        }
        assertEquals(DeviceState.APPROVED, admin.call(() -> device(WAITING_1)).getState());
        assertEquals(DeviceState.REJECTED, admin.call(() -> device(WAITING_2)).getState());

        // Every other use of a token is recorded too, once: a list, a refusal by scope, a refused state change
        // (whose own record was rolled back); a decision is not recorded twice.
        List<AuditEvent> uses = admin.call(() -> audit.latest(3000)).stream()
                .filter(event -> "api-token.used".equals(event.getAction())).toList();
        String waiting2 = admin.call(() -> device(WAITING_2)).getId().toString();
        String metadataOnly = "via API token " + token(METADATA_ONLY).getId();
        for (String expected : List.of("GET /api/v1/devices?state=pending&name=dapi- answered 200; " + via,
                "GET /api/v1/devices answered 403 SCOPE_MISSING; " + metadataOnly,
                "POST /api/v1/devices/" + waiting2 + "/reject answered 409 INVALID_STATE_CHANGE; " + via)) {
            List<AuditEvent> recorded = uses.stream().filter(event -> expected.equals(event.getDetails())).toList();
            assertEquals(1, recorded.size(), "recorded once: " + expected);
            assertEquals(ADMINISTRATOR, recorded.get(0).getActor(), "by the token's owner");
        }
        assertTrue(uses.stream().noneMatch(event -> event.getDetails().contains("/approve answered 200")),
                "a decision recorded by its service is not recorded again");
        assertEquals(DeviceState.APPROVED, admin.call(() -> device(COMPUTER_1)).getState());

        // The key import from a file through the API: recorded by its service, by the owner, naming the token.
        AuditEvent fileImported = admin.call(() -> audit.latest(3000)).stream()
                .filter(event -> FileKeyImport.IMPORTED.equals(event.getAction())
                        && event.getDetails().startsWith("File api.csv into " + TENANT)).findFirst().orElseThrow();
        assertEquals(ADMINISTRATOR, fileImported.getActor());
        assertTrue(fileImported.getDetails().endsWith("; " + via), fileImported.getDetails());
        assertTrue(uses.stream().anyMatch(event -> event.getDetails().startsWith("POST /api/v1/devices/key-import?"
                + "tenant=DAPI%20tenant&fileName=api.csv answered 200")), "a preview is recorded as a use");

        admin.call(() -> tokens.revoke(token(TO_REVOKE).getId()));
        // A token cannot be issued already expired: its expiry is moved back, as time passing would.
        clock.expire(token(TO_EXPIRE).getId());
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("A revoked and an expired token with the scope get 401, and the device stays as it was")
    void revokedAndExpired() {
        DevicesApiClient.revokedAndExpired();
    }

    @Test
    @Order(7)
    @DisplayName("Clean-up: this class's administrator loses the role, so that the built-in administrator is again the "
            + "last one (IdentityIT checks that the last Administrator grant cannot be revoked)")
    void cleanUp() throws Exception {
        RoleGrants.revokeAll(admin, roles, List.of(ADMINISTRATOR));
    }

    /** The actions recorded about one device, oldest first. */
    private static List<String> actions(List<AuditEvent> events) {
        assertTrue(events != null && !events.isEmpty(), "the device's decisions are recorded");
        return events.stream().sorted(java.util.Comparator.comparingLong(AuditEvent::getSequence))
                .map(AuditEvent::getAction).toList();
    }

    private Device device(String name) {
        return directory.devices().stream().filter(device -> device.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private LocalAccount account(String user) {
        return accounts.list().stream().filter(account -> account.getUsername().equals(user)).findFirst()
                .orElseThrow();
    }

    private ApiToken token(String note) throws Exception {
        return admin.call(tokens::list).stream().filter(token -> note.equals(token.getNote())).findFirst()
                .orElseThrow();
    }
}
