package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequests;
import org.ams.audit.AuditVerification;
import org.ams.audit.ChainVerification;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleTarget;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.signin.RoleService;
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
 * The oversight calls of the REST API, as the scripts of auditors and operations use them: the audit records
 * ({@code /api/v1/audit-records}, scope READ_AUDIT, Auditor or Administrator), the Dashboard's figures
 * ({@code /api/v1/dashboard}, scope READ_METADATA, Administrator) and {@code /metrics} with a token (scope
 * READ_METRICS, Auditor or Administrator) from an address the allow-list does not hold. Each is tried with both roles,
 * with a Helpdesk-only owner, without the scope, with a revoked and an expired token and with bad input; a recovery
 * password read through the API is found in the records, linked in one chain with a read made as the page makes it.
 * <p>
 * In-container methods set up and change tokens through the services; client methods issue the tokens on Settings /
 * API tokens and make the calls ({@link OversightApiClient}, kept apart because this class is loaded in the server).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OversightApiIT {

    static final String AUDITOR = "ov-audra";
    static final String ADMINISTRATOR = "ov-adam";
    static final String HELPDESK_USER = "ov-hilda";
    static final String PASSWORD = "Oversight-API-IT-pass-1";
    static final String COMPUTER = "OV-PC-1";
    static final String REASON = "INC-5150: locked out";
    /** Where the page's read comes from, told apart from the API's 127.0.0.1 in the records. */
    static final String PAGE_ADDRESS = "192.0.2.55";

    static final String AUDITOR_TOKEN = "audra: audit and metrics";
    static final String ADMINISTRATOR_TOKEN = "adam: audit, dashboard and metrics";
    static final String HELPDESK_TOKEN = "hilda: everything";
    static final String METADATA_ONLY = "audra: metadata only";
    static final String TO_REVOKE = "audra: to revoke";
    static final String TO_EXPIRE = "audra: to expire";

    @Inject
    private AsAdministrator admin;

    @Inject
    private HelpdeskTeam helpdeskTeam;

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
    private SignedInCalls signedIn;

    @Inject
    private AccessRequests accessRequests;

    @Inject
    private ApiTokens tokens;

    @Inject
    private TokenClock clock;

    @Inject
    private AuditVerification verification;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startBrowser() {
        if (System.getProperty("ams.it.deployments") != null) {
            OversightApiClient.start();
        }
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: an auditor, an administrator, a helpdesk user with a rule for OV-PC-1, its escrowed key, "
            + "and one read of it as the helpdesk page makes it")
    void setUp() throws Exception {
        Tenant tenant = admin.call(() -> directory.tenant(Tenant.DEFAULT));
        Device computer = fixture.register(tenant, COMPUTER);
        fixture.escrowOneKey(computer, "Oversight API IT", "Oversight-API-IT-backup-1");
        admin.call(() -> {
            account(AUDITOR, Role.AUDITOR);
            account(ADMINISTRATOR, Role.ADMINISTRATOR);
            LocalGroup team = helpdeskTeam.create(HELPDESK_USER, HELPDESK_USER, PASSWORD, "Oversight desk",
                    "Oversight API IT");
            return rules.create(new RuleDefinition(RuleTarget.computer(computer.getId()), "Oversight desk reads "
                    + COMPUTER, true, null, List.of(AccessControlEntry.allow(team.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
        });
        AccessOutcome pageRead = signedIn.as(HELPDESK_USER, PASSWORD,
                () -> accessRequests.requestRecoveryPasswords(PAGE_ADDRESS, computer.getId(), REASON));
        assertEquals(ResultCode.SUCCESS, pageRead.result());
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Settings / API tokens offers the audit and metrics scopes; the tokens are issued there")
    void issueTokens() {
        OversightApiClient.issueTokens(base);
    }

    @Test
    @Order(3)
    @DisplayName("One token is revoked, another expires")
    void revokeAndExpire() throws Exception {
        admin.call(() -> tokens.revoke(token(TO_REVOKE).getId()));
        clock.expire(token(TO_EXPIRE).getId());
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("Audit records: both roles read them; a Helpdesk-only owner, a token without READ_AUDIT, a revoked "
            + "and an expired token are refused")
    void auditRecordsWhoMayRead() {
        OversightApiClient.auditRecordsWhoMayRead();
    }

    @Test
    @Order(5)
    @RunAsClient
    @DisplayName("Audit records: bad filters and pages get 400 and say why; filters, offset pages and the chain cursor "
            + "answer what the page would")
    void auditRecordsFiltersAndPages() {
        OversightApiClient.auditRecordsFiltersAndPages();
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("A recovery password read through the API is in the records, linked in one chain with the page's read")
    void keyReadInTheChain() {
        OversightApiClient.keyReadInTheChain();
    }

    @Test
    @Order(7)
    @DisplayName("The chain the API showed is intact as the server verifies it")
    void chainIntact() throws Exception {
        ChainVerification verified = admin.call(verification::verify);
        assertTrue(verified.intact(), verified.description());
    }

    @Test
    @Order(8)
    @RunAsClient
    @DisplayName("Dashboard: the administrator's token reads the page's figures; an auditor, a Helpdesk-only owner and "
            + "a token without READ_METADATA are refused")
    void dashboard() {
        OversightApiClient.dashboard();
    }

    @Test
    @Order(9)
    @RunAsClient
    @DisplayName("/metrics outside the allow-list: a READ_METRICS token of an auditor scrapes; no token, a wrong scope "
            + "or role get 403, a bad, revoked or expired token 401; the allow-listed address needs no token")
    void metricsWithAToken() throws Exception {
        OversightApiClient.metricsWithAToken();
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("The OpenAPI document describes the new calls and scopes")
    void openApi() {
        OversightApiClient.openApi();
    }

    @Test
    @Order(11)
    @DisplayName("Clean-up: this class's administrator loses the role, so that the built-in administrator is again the "
            + "last one (IdentityIT checks that the last Administrator grant cannot be revoked)")
    void cleanUp() throws Exception {
        RoleGrants.revokeAll(admin, roles, List.of(ADMINISTRATOR));
    }

    private void account(String name, Role role) {
        LocalAccount account = accounts.add(name, name, PASSWORD.toCharArray());
        roles.grant(role, account.principal());
    }

    private ApiToken token(String note) throws Exception {
        return admin.call(tokens::list).stream().filter(token -> note.equals(token.getNote())).findFirst()
                .orElseThrow();
    }
}
