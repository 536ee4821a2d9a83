package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettings;
import org.ams.access.AccessSettingsService;
import org.ams.access.RateLimits;
import org.ams.access.ReasonMode;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
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
import org.ams.token.ApiScope;
import org.ams.token.ApiToken;
import org.ams.token.ApiTokenException;
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
 * API tokens from issue to use: an administrator issues tokens on Settings / API tokens (the secret shown once),
 * scripts call {@code /api/v1} with them through {@link java.net.http.HttpClient}, and a revoked or expired token is
 * refused at once. Every scope is tried allowed and refused; a token whose owner has no rule for a computer gets the
 * answer an unknown computer gets; a recovery password read through the API is the helpdesk page's audited request,
 * naming the token, and counts against the same rate limits.
 * <p>
 * In-container methods (no {@link RunAsClient}) set up and check through the product's services; client methods
 * drive the browser and the HTTP calls ({@link ApiTokensClient}, kept apart because this class is loaded inside the
 * server too).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiTokensIT {

    static final String HELPDESK_USER = "api-hedda";
    static final String OUTSIDER = "api-otto";
    static final String AUDITOR = "api-ada";
    static final String PASSWORD = "Api-tokens-IT-pass-1";
    static final String COMPUTER = "API-PC-1";
    static final String FULL = "hedda: script reads keys";
    static final String METADATA_ONLY = "hedda: inventory sync";
    static final String PASSWORDS_ONLY = "hedda: passwords only";
    static final String OUTSIDER_TOKEN = "otto: script";
    static final String AUDITOR_TOKEN = "ada: script";
    static final String TO_REVOKE = "hedda: to revoke";
    static final String TO_EXPIRE = "hedda: to expire";
    static final String PROTECTOR = "{A91E0C5A-7B3C-4D2E-9F10-112233445566}";
    static final String SECOND_PASSWORD = "309540-054054-123915-625218-602910-100716-346984-130779";
    /** The recovery password DeviceFixture#escrowOneKey escrows. */
    static final String FIRST_PASSWORD = "531058-303050-716078-383614-460922-106975-083446-139161";

    /** The access settings as this class found them, put back at its end (in the server). */
    private static Object[] settingsAsFound;

    @Inject
    private AsAdministrator admin;

    @Inject
    private DeviceFixture fixture;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private org.ams.identity.local.LocalGroupService groups;

    @Inject
    private RoleService roles;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AccessSettingsService settings;

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
        if (onClient()) {
            ApiTokensClient.start();
        }
    }

    /** Failsafe's JVM has the test settings; the server's has not, and must not touch the client's classes. */
    private static boolean onClient() {
        return System.getProperty("ams.it.deployments") != null;
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a helpdesk user with a rule for API-PC-1, a helpdesk user without one, an auditor, and API-PC-1's two escrowed keys")
    void setUp() throws Exception {
        AccessSettings found = settings.current();
        settingsAsFound = new Object[] {found.getReasonMode(), found.getDeniedHelpText(), found.getRateLimits()};
        settle(ReasonMode.OPTIONAL, new RateLimits(0, 0, 0, 0, 0, 0));
        LocalGroup team = admin.call(() -> {
            LocalGroup helpdesk = team(HELPDESK_USER, "API helpdesk team");
            team(OUTSIDER, "API outsiders");
            LocalAccount auditor = accounts.add(AUDITOR, "Ada Auditor", PASSWORD.toCharArray());
            roles.grant(Role.AUDITOR, auditor.principal());
            return helpdesk;
        });
        Tenant tenant = admin.call(() -> directory.tenant(Tenant.DEFAULT));
        Device computer = fixture.register(tenant, COMPUTER);
        fixture.escrowOneKey(computer, "API tokens IT", "Api-tokens-IT-backup-1");
        fixture.escrowKeyToActiveCertificate(computer, PROTECTOR, SECOND_PASSWORD);
        admin.call(() -> rules.create(new RuleDefinition(RuleTarget.computer(computer.getId()),
                "API helpdesk team reads API-PC-1", true, null, List.of(AccessControlEntry.allow(team.principal(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD, Permission.READ_BITLOCKER_KEY_METADATA)))));
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Settings / API tokens: a token without a user is refused and nothing is added; issued tokens show their secret once and are listed without it")
    void issueTokensOnThePage() {
        ApiTokensClient.at(base);
        ApiTokensClient.issueTokensOnThePage();
    }

    @Test
    @Order(3)
    @DisplayName("Issuing checks its input and changes nothing when refused; issuing is audited without the secret")
    void issuingIsCheckedAndAudited() throws Exception {
        int before = admin.call(tokens::list).size();
        LocalAccount hedda = admin.call(() -> accounts.list().stream()
                .filter(account -> account.getUsername().equals(HELPDESK_USER)).findFirst().orElseThrow());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertEquals("A token lives at most a year: choose an expiry date before "
                + now.plus(ApiTokens.MAX_LIFETIME).toLocalDate() + ".", assertThrows(ApiTokenException.class,
                () -> admin.call(() -> tokens.create(hedda.principal(), Set.of(ApiScope.READ_METADATA),
                        now.plusYears(2), null))).getMessage());
        assertEquals("The expiry date must be in the future.", assertThrows(ApiTokenException.class,
                () -> admin.call(() -> tokens.create(hedda.principal(), Set.of(ApiScope.READ_METADATA),
                        now.minusDays(1), null))).getMessage());
        assertEquals("Choose at least one scope: what the token may be used for.", assertThrows(
                ApiTokenException.class, () -> admin.call(() -> tokens.create(hedda.principal(), Set.of(),
                        now.plusDays(1), null))).getMessage());
        // Each scope still reserved for calls to come; the list shrinks as they arrive.
        for (ApiScope reserved : Arrays.stream(ApiScope.values()).filter(scope -> !scope.inUse()).toList()) {
            assertEquals("No call of the REST API uses the scope '" + reserved.label() + "' yet; a token cannot be "
                    + "issued with it.", assertThrows(ApiTokenException.class, () -> admin.call(() -> tokens.create(
                            hedda.principal(), Set.of(ApiScope.READ_METADATA, reserved), now.plusDays(1),
                            null))).getMessage());
        }
        assertEquals(before, admin.call(tokens::list).size(), "refused tokens are not stored");

        ApiToken full = token(FULL);
        AuditEvent created = records("api-token.created").stream()
                .filter(event -> event.getTargetId().equals(full.getId().toString())).findFirst().orElseThrow();
        assertEquals("admin", created.getActor());
        assertTrue(created.getDetails().contains("for user " + HELPDESK_USER)
                && created.getDetails().contains("READ_RECOVERY_PASSWORDS"), created.getDetails());
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("No token, a malformed or unknown one: 401 with a JSON body and a Bearer challenge")
    void withoutAValidToken() {
        ApiTokensClient.withoutAValidToken();
    }

    @Test
    @Order(5)
    @RunAsClient
    @DisplayName("READ_METADATA: find by name and by key id, and a computer's keys without any password")
    void metadataScope() {
        ApiTokensClient.metadataScope();
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("READ_RECOVERY_PASSWORDS: the passwords of a computer the owner may read; refused without the scope or the Helpdesk role")
    void passwordScope() {
        ApiTokensClient.passwordScope();
    }

    @Test
    @Order(7)
    @RunAsClient
    @DisplayName("A token whose owner has no rule for the computer gets exactly the answer an unknown computer gets")
    void beyondTheOwnersRules() {
        ApiTokensClient.beyondTheOwnersRules();
    }

    @Test
    @Order(8)
    @RunAsClient
    @DisplayName("Revoked on the page: the next call with the token gets 401; the list shows the state and last use")
    void revokedOnThePage() {
        ApiTokensClient.revokedOnThePage();
    }

    @Test
    @Order(9)
    @DisplayName("The API's key read is the page's audited request, naming the token; revocation is audited; time passes for one token")
    void auditedWithTheToken() throws Exception {
        ApiToken full = token(FULL);
        List<AuditEvent> requests = records(AccessRequests.ACTION).stream()
                .filter(event -> event.getActor().equals(HELPDESK_USER)).toList();
        AuditEvent read = requests.stream().filter(event -> "READ_BITLOCKER_RECOVERY_PASSWORD"
                .equals(event.getPermission()) && "SUCCESS".equals(event.getResultCode())).findFirst().orElseThrow();
        assertEquals(COMPUTER, read.getTargetName());
        assertEquals("ticket 4711", read.getReason());
        assertTrue(read.getDetails().endsWith("via API token " + full.getId()), read.getDetails());
        assertFalse(read.getDetails().contains(FIRST_PASSWORD.substring(0, 13)));

        ApiToken revoked = token(TO_REVOKE);
        assertTrue(records("api-token.revoked").stream()
                .anyMatch(event -> event.getTargetId().equals(revoked.getId().toString())
                        && event.getActor().equals("admin")), "the revocation is in the audit log");

        // A token cannot be issued already expired: its expiry is moved back, as time passing would.
        clock.expire(token(TO_EXPIRE).getId());
        settle(ReasonMode.OPTIONAL, new RateLimits(0, 1, 0, 0, 0, 0));
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("An expired token gets 401; over the owner's rate limit the API answers 429 with the page's result code")
    void expiredAndRateLimited() {
        ApiTokensClient.expiredAndRateLimited();
    }

    @Test
    @Order(11)
    @DisplayName("The refused request is recorded like the page's, with the token; the access settings are put back")
    void rateLimitedRequestIsRecorded() throws Exception {
        try {
            ApiToken full = token(FULL);
            AuditEvent limited = records(AccessRequests.ACTION).stream()
                    .filter(event -> event.getActor().equals(HELPDESK_USER)
                            && "USER_RATE_LIMIT_EXCEEDED".equals(event.getResultCode()))
                    .findFirst().orElseThrow();
            assertTrue(limited.getDetails().endsWith("via API token " + full.getId()), limited.getDetails());
        } finally {
            admin.call(() -> {
                AccessSettings current = settings.current();
                AccessSettings changed = settings.changeUserInterface(current.getVersion(),
                        (ReasonMode) settingsAsFound[0], (String) settingsAsFound[1]);
                return settings.changeRateLimits(changed.getVersion(), (RateLimits) settingsAsFound[2]);
            });
        }
    }

    private LocalGroup team(String user, String name) {
        LocalAccount member = accounts.add(user, user, PASSWORD.toCharArray());
        LocalGroup group = groups.create(name, "API tokens IT");
        groups.addMember(group.getId(), member.getUsername());
        roles.grant(Role.HELPDESK, group.principal());
        return group;
    }

    private ApiToken token(String note) throws Exception {
        return admin.call(tokens::list).stream().filter(token -> note.equals(token.getNote())).findFirst()
                .orElseThrow();
    }

    private List<AuditEvent> records(String action) throws Exception {
        return admin.call(() -> audit.latest(2000)).stream().filter(event -> event.getAction().equals(action))
                .toList();
    }

    private void settle(ReasonMode reasonMode, RateLimits limits) throws Exception {
        admin.call(() -> {
            AccessSettings current = settings.current();
            AccessSettings changed = settings.changeUserInterface(current.getVersion(), reasonMode,
                    current.getDeniedHelpText());
            return settings.changeRateLimits(changed.getVersion(), limits);
        });
    }
}
