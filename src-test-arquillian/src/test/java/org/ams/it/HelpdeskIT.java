package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.ams.authz.RuleOverview;
import org.ams.authz.RuleTarget;
import org.ams.dashboard.Dashboard;
import org.ams.dashboard.DeniedRequest;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.Tenant;
import org.ams.identity.Role;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.local.LocalGroupService;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.UserInterfacePage;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.NotificationChannel;
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
 * The guide's Step 7 for a helpdesk user, end to end: set up through the product (a local account in a local group
 * granted Helpdesk, devices escrowing keys with the real agent jar, authorization rules through the rules service),
 * then in a real browser the user finds the computer by name and by recovery key ID, gives a reason and sees exactly
 * the passwords the agent escrowed; every denial reads as a sentence and is audited; nothing of a password reaches
 * the view state, a cache or the audit log.
 * <p>
 * Test methods run in order; in-container ones (no {@link RunAsClient}) change the server through its services,
 * client ones drive the browser. This class is loaded inside the server too, so its own fields and method
 * signatures use no Selenium or agent type: {@link HelpdeskClient} holds those.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelpdeskIT {

    private static final String HANNA = "hanna";
    private static final String HANNA_PASSWORD = "Hanna-Helpdesk-2024";
    private static final String TEAM = "Service desk";
    private static final String HELP_TEXT = "Call the security desk on 555-0100 to be given access.";
    private static final String REASON = "Ticket 4711: locked out after a BIOS update";
    private static final String SECOND_REASON = "Ticket 4712: locked out after a firmware update";
    private static final String THIRD_REASON = "Ticket 4713: new motherboard";
    private static final String FOURTH_REASON = "Ticket 4714: only the data drive is locked";
    private static final String UNKNOWN_NAME = "HD-PC-NOWHERE";

    // The volumes files' passwords (src/test/resources/volumes).
    private static final String OS = "531058-303050-716078-383614-460922-106975-083446-139161";
    private static final String FIXED = "466895-217492-569250-069608-104434-135707-527241-083622";
    private static final String FIXED_REPLACEMENT = "309540-054054-123915-625218-602910-100716-346984-130779";
    private static final String REMOVABLE = "612062-085217-178486-321860-089188-571923-071489-318747";
    private static final String TWIN_OS = "033737-612623-426074-226545-065087-569184-441617-229273";
    private static final String META_OS = "057992-278729-711524-382646-217558-007975-170500-604241";
    private static final List<String> ALL = List.of(OS, FIXED, FIXED_REPLACEMENT, REMOVABLE, TWIN_OS, META_OS);

    private static final String DEFAULT_DIRECTORY = "Default / AMS";
    private static final List<String> WHOLE_PASSWORD = List.of("digits", "Copy", "reading", "QR code");
    private static final String REVEALED_KEY_ID = "3D6E2048";

    /** The access settings before this class changed them (in the server: in-container methods only). */
    private static Object[] settingsAsFound;
    /** The request number of the branch computer's passwords, shown at once (in the client: client methods only). */
    private static String branchRequestNumber;
    private static final String BRANCH_DIRECTORY = HelpdeskClient.BRANCH + " / AMS";

    @Inject
    private AsAdministrator admin;

    @Inject
    private SignedInCalls signedIn;

    @Inject
    private LocalAccountService accounts;

    @Inject
    private LocalGroupService groups;

    @Inject
    private HelpdeskTeam helpdeskTeam;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private AuthorizationRules rules;

    @Inject
    private AccessSettingsService settings;

    @Inject
    private AuditTrail audit;

    @Inject
    private AccessRequests accessRequests;

    @Inject
    private Dashboard dashboard;

    @Inject
    private NotificationChannels channels;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        if (onClient()) {
            HelpdeskClient.start();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (onClient()) {
            HelpdeskClient.stop();
        }
    }

    /** Failsafe's JVM has the test settings; the server's has not, and must not touch the client's classes. */
    private static boolean onClient() {
        return System.getProperty("ams.it.deployments") != null;
    }

    @Test
    @Order(1)
    @DisplayName("Set-up: a local account in a local group granted Helpdesk, and a branch tenant")
    void helpdeskTeam() throws Exception {
        AccessSettings found = settings.current();
        settingsAsFound = new Object[] {found.getReasonMode(), found.getDeniedHelpText(), found.getRateLimits(),
            found.isHidePasswordsUntilShown()};
        as(() -> {
            helpdeskTeam.create(HANNA, "Hanna Helpdesk", HANNA_PASSWORD, TEAM, "First-line support");
            return directory.createTenant(HelpdeskClient.BRANCH);
        });
    }

    @Test
    @Order(2)
    @RunAsClient
    @DisplayName("Set-up: the administrator prepares agents in the console; the real agent jar escrows the keys")
    void agentsEscrowKeys() throws Exception {
        HelpdeskClient.at(base);
        HelpdeskClient.prepareAgents();
    }

    @Test
    @Order(3)
    @DisplayName("Set-up: rules let the team read HD-PC-1 and the branch's computers, and only see HD-PC-META")
    void rulesForTheTeam() throws Exception {
        as(() -> {
            LocalGroup team = team();
            rules.create(new RuleDefinition(RuleTarget.computer(device(HelpdeskClient.DEVICE, Tenant.DEFAULT)),
                    "Helpdesk reads HD-PC-1", true, null, List.of(AccessControlEntry.allow(team.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD, Permission.READ_BITLOCKER_KEY_METADATA))));
            rules.create(new RuleDefinition(RuleTarget.tenant(branch().getId()), "Helpdesk reads the branch", true,
                    null, List.of(AccessControlEntry.allow(team.principal(),
                    Permission.READ_BITLOCKER_RECOVERY_PASSWORD))));
            rules.create(new RuleDefinition(RuleTarget.computer(device(HelpdeskClient.METADATA_ONLY_DEVICE,
                    Tenant.DEFAULT)), "Helpdesk sees HD-PC-META", true, null,
                    List.of(AccessControlEntry.allow(team.principal(), Permission.READ_BITLOCKER_KEY_METADATA))));
            return null;
        });
        settle(ReasonMode.OPTIONAL, new RateLimits(0, 0, 0, 0, 0, 0));
    }

    @Test
    @Order(4)
    @RunAsClient
    @DisplayName("Found by name among same-named computers, with a reason: exactly the escrowed passwords, current and history")
    void helpdeskUserSeesThePasswords() {
        HelpdeskClient.signIn(HANNA, HANNA_PASSWORD);
        assertEquals("Request access", HelpdeskClient.openFromHomePage().heading(), "the home page links to it");
        assertTrue(HelpdeskClient.menuEntries().contains("Request access"), HelpdeskClient.menuEntries().toString());
        RequestAccessPage page = HelpdeskClient.openFromMenu();
        assertEquals("Request access", page.heading());
        assertEquals("Reason (optional)", page.reasonLabel());
        assertEquals(List.of("request:reason", "request:computer_input", "request:keyId"), page.fieldOrder(),
                "the reason comes before the actions that need it");

        assertEquals(List.of(HelpdeskClient.DEVICE, HelpdeskClient.METADATA_ONLY_DEVICE), page.suggestions("hd-pc"),
                "each name once, only computers the user may see");
        page.pickSuggestion("hd-pc", HelpdeskClient.DEVICE);
        List<RequestAccessPage.Candidate> candidates = page.candidates();
        assertEquals(Set.of(DEFAULT_DIRECTORY, BRANCH_DIRECTORY), candidates.stream()
                .map(RequestAccessPage.Candidate::directory).collect(Collectors.toSet()), candidates.toString());
        for (RequestAccessPage.Candidate candidate : candidates) {
            assertEquals(HelpdeskClient.DEVICE, candidate.name());
            assertFalse(candidate.lastCheckIn().equals("never"), candidates.toString());
        }
        page.choose(DEFAULT_DIRECTORY);
        assertEquals(HelpdeskClient.DEVICE, page.chosenComputer());
        assertEquals(DEFAULT_DIRECTORY, page.chosenDirectory());

        page.reason(REASON);
        page.showPasswords();

        assertEquals(HelpdeskClient.DEVICE, page.passwordsComputer());
        assertEquals("Helpdesk reads HD-PC-1", page.grantingRule());
        List<RequestAccessPage.Key> keys = page.keys();
        assertEquals(List.of("C:", "D:", "E:", "D:"), keys.stream().map(RequestAccessPage.Key::mountPoint).toList(),
                keys.toString());
        assertEquals(List.of("1B4C0E26", "3D6E2048", "4E7F3159", "2C5D1F37"),
                keys.stream().map(RequestAccessPage.Key::keyId).toList(), keys.toString());
        assertEquals(List.of(true, true, true, false), keys.stream().map(RequestAccessPage.Key::current).toList(),
                "the replaced protector is listed last, under History");
        assertEquals("{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}", keys.get(0).protectorId());
        assertEquals("(Operating system drive)", keys.get(0).driveType());
        assertPassword(OS, keys.get(0).password(), keys.get(0).keyId());
        assertPassword(FIXED_REPLACEMENT, keys.get(1).password(), keys.get(1).keyId());
        assertPassword(REMOVABLE, keys.get(2).password(), keys.get(2).keyId());
        assertPassword(FIXED, keys.get(3).password(), keys.get(3).keyId());
        assertTrue(keys.stream().allMatch(RequestAccessPage.Key::hasQrCode), "a QR code drawn in the page for each");
        assertEquals(Collections.nCopies(keys.size(), WHOLE_PASSWORD),
                keys.stream().map(RequestAccessPage.Key::displayedSecret).toList(),
                "with the passwords not hidden, each is displayed at once: " + keys);
        assertTrue(keys.stream().noneMatch(RequestAccessPage.Key::showButton), keys.toString());
        assertEquals("", page.hiddenHint());
        assertTrue(HelpdeskClient.pageSource().contains("<h3>History</h3>"));

        List<String> reading = page.toggleReading(0);
        assertEquals(8, reading.size());
        assertTrue(reading.get(0).endsWith("Fife Tree One Zero Fife Eight"), "the first group read out digit by digit");
        assertEquals(List.of(), page.toggleReading(0), "and hidden again");

        for (String viewState : page.viewStates()) {
            for (String password : ALL) {
                assertFalse(viewState.contains(password) || viewState.contains(password.replace("-", "")),
                        "the view state holds no password (view state length " + viewState.length() + ")");
            }
        }

        List<Object> answer = page.postShowAndReadCacheHeaders();
        assertEquals(200L, ((Number) answer.get(0)).longValue(), answer.toString());
        assertTrue(String.valueOf(answer.get(1)).contains("no-store"), answer.toString());
        assertEquals("no-cache", answer.get(2));
        assertEquals(Boolean.TRUE, answer.get(3), "that response is the one holding the passwords");
    }

    @Test
    @Order(5)
    @DisplayName("Each view of the passwords is one audited request naming the reason and the rule; no record holds a password")
    void passwordViewsAreAuditedWithoutThePassword() throws Exception {
        List<AuditEvent> requests = requestsBy(HANNA);
        assertEquals(2, requests.size(), "the page's request and the re-sent POST");
        for (AuditEvent request : requests) {
            assertEquals("SUCCESS", request.getResultCode());
            assertEquals(REASON, request.getReason());
            assertEquals(Permission.READ_BITLOCKER_RECOVERY_PASSWORD.name(), request.getPermission());
            assertEquals("Helpdesk reads HD-PC-1", request.getRuleDescription());
            assertEquals(HelpdeskClient.DEVICE, request.getTargetName());
            assertTrue(request.getDetails().contains("1B4C0E26"), request.getDetails());
        }
        assertNoPasswordInTheAuditLog();
    }

    @Test
    @Order(6)
    @RunAsClient
    @DisplayName("Recovery key ID lookup: a unique prefix chooses the computer, an ambiguous one lists candidates, more characters narrow it, an unknown one says so")
    void keyIdLookup() {
        RequestAccessPage page = HelpdeskClient.open();

        page.lookUp("4e7f3159");
        assertEquals(HelpdeskClient.DEVICE, page.chosenComputer());
        assertEquals(DEFAULT_DIRECTORY, page.chosenDirectory());
        assertTrue(page.chosenProtectors().contains("E: {4E7F3159-6D72-4EB1-815F-80AD4C33F301}"),
                page.chosenProtectors());

        page.lookUp("1B4C0E26");
        assertEquals("", page.chosenComputer());
        assertTrue(page.choicesHint().startsWith("This key ID matches key protectors on several computers."),
                page.choicesHint());
        List<RequestAccessPage.Candidate> candidates = page.candidates();
        assertEquals(2, candidates.size(), candidates.toString());
        List<String> described = new ArrayList<>();
        for (RequestAccessPage.Candidate candidate : candidates) {
            described.add(candidate.directory() + ": " + candidate.protectors());
        }
        assertTrue(described.contains(BRANCH_DIRECTORY + ": C: {1B4C0E26-9F00-4C00-8000-0000000000B2}"),
                described.toString());
        assertTrue(described.contains(DEFAULT_DIRECTORY + ": C: {1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}"),
                described.toString());
        assertFalse(HelpdeskClient.pageSource().contains("ams-password"), "a lookup never shows a password");

        page.lookUp("{1B4C0E26-3A4F");
        assertEquals(HelpdeskClient.DEVICE, page.chosenComputer());
        assertEquals(DEFAULT_DIRECTORY, page.chosenDirectory());

        page.lookUp("DEADBEEF");
        assertEquals("No computer you may see has a recovery key ID starting with DEADBEEF. Check the characters on "
                + "the recovery screen (0-9 and A-F), or find the computer by name.", page.errorText());
        page.lookUp("1B4C");
        assertEquals("Type at least the first 8 characters of the recovery key ID the BitLocker recovery screen "
                + "shows (digits 0-9 and letters A-F).", page.errorText());

        page.lookUp("1b4c0e26");
        page.choose(BRANCH_DIRECTORY);
        page.reason(REASON);
        page.showPasswords();
        List<RequestAccessPage.Key> keys = page.keys();
        assertEquals(1, keys.size(), keys.toString());
        assertEquals("{1B4C0E26-9F00-4C00-8000-0000000000B2}", keys.get(0).protectorId());
        assertPassword(TWIN_OS, keys.get(0).password(), keys.get(0).keyId());
        assertTrue(keys.get(0).lookedUp(), keys.toString());
        branchRequestNumber = page.requestNumber();
    }

    @Test
    @Order(7)
    @DisplayName("Key ID lookups are audited one by one (the malformed one is refused before it is asked)")
    void keyIdLookupsAreAudited() throws Exception {
        List<AuditEvent> lookups = latestBy(HANNA).stream()
                .filter(e -> e.getAction().equals(AccessRequests.KEY_ID_LOOKUP_ACTION)).toList();
        assertEquals(List.of("1B4C0E26", "DEADBEEF", "1B4C0E263A4F", "1B4C0E26", "4E7F3159"),
                lookups.stream().map(AuditEvent::getTargetId).toList());
        assertEquals(HelpdeskClient.DEVICE, lookups.get(4).getTargetName());
        assertTrue(lookups.get(1).getDetails().contains("0 protector(s) on 0 computer(s)"), lookups.get(1).getDetails());
        assertTrue(lookups.get(0).getDetails().contains("2 protector(s) on 2 computer(s)"), lookups.get(0).getDetails());
        assertTrue(lookups.stream().allMatch(e -> "SUCCESS".equals(e.getResultCode())));
        assertNoPasswordInTheAuditLog();
    }

    @Test
    @Order(8)
    @RunAsClient
    @DisplayName("A computer the user may only see: denied, no rule for you, with the administrator's help text")
    void noRuleForTheUser() {
        RequestAccessPage page = HelpdeskClient.open();
        page.find("hd-pc-meta");
        assertEquals(HelpdeskClient.METADATA_ONLY_DEVICE, page.chosenComputer());

        page.showPasswords();

        assertEquals("Access denied: the rules for this computer do not give you (or a group you belong to) "
                + "permission to read its recovery passwords.", page.deniedSentence());
        assertEquals(HELP_TEXT, page.deniedHelp());
        assertEquals(List.of(), page.keys());
    }

    @Test
    @Order(9)
    @DisplayName("Set-up: a rule denies Hanna the passwords of HD-PC-META")
    void denyHanna() throws Exception {
        as(() -> rules.create(new RuleDefinition(RuleTarget.computer(device(HelpdeskClient.METADATA_ONLY_DEVICE,
                Tenant.DEFAULT)), "Not Hanna", true, null, List.of(AccessControlEntry.deny(
                accounts.findByUsername(HANNA).orElseThrow().principal(),
                Permission.READ_BITLOCKER_RECOVERY_PASSWORD)))));
    }

    @Test
    @Order(10)
    @RunAsClient
    @DisplayName("Explicitly denied: the sentence says so")
    void explicitlyDenied() {
        RequestAccessPage page = HelpdeskClient.open();
        page.find("HD-PC-META");
        page.showPasswords();

        assertEquals("Access denied: an authorization rule explicitly denies you access to this computer's recovery "
                + "passwords.", page.deniedSentence());
    }

    @Test
    @Order(11)
    @DisplayName("Set-up: the rules about HD-PC-META are deleted while the helpdesk page still has it chosen")
    void rulesOfTheComputerDeleted() throws Exception {
        as(() -> {
            UUID meta = device(HelpdeskClient.METADATA_ONLY_DEVICE, Tenant.DEFAULT);
            for (RuleOverview rule : rules.list()) {
                if (rule.target().equals(RuleTarget.computer(meta))) {
                    rules.delete(rule.id(), rule.version());
                }
            }
            return null;
        });
    }

    @Test
    @Order(12)
    @RunAsClient
    @DisplayName("No rule for this computer any more: denied in words, and the name is no longer found")
    void noRuleForTheComputer() {
        RequestAccessPage page = HelpdeskClient.page();
        assertEquals(HelpdeskClient.METADATA_ONLY_DEVICE, page.chosenComputer());

        page.showPasswords();
        assertEquals("Access denied: no authorization rule covers this computer.", page.deniedSentence());

        page.find("HD-PC-META");
        assertTrue(page.errorText().startsWith("There is no computer named HD-PC-META that you may see."),
                page.errorText());
        page.find(UNKNOWN_NAME);
        assertTrue(page.errorText().startsWith("There is no computer named " + UNKNOWN_NAME + " that you may see."),
                page.errorText());

        page.lookUp(HelpdeskClient.METADATA_ONLY_KEY_ID);
        assertEquals("No computer you may see has a recovery key ID starting with "
                + HelpdeskClient.METADATA_ONLY_KEY_ID + ". Check the characters on the recovery screen (0-9 and A-F), "
                + "or find the computer by name.", page.errorText(), "the same words as for a key ID nobody has");
        assertEquals("", page.lookupDenied());
        assertEquals("", page.chosenComputer());
    }

    @Test
    @Order(13)
    @DisplayName("Finding a computer the user may not see, by name or by key ID, is audited as a denial of its own and shown on the dashboard; an unknown name is not recorded")
    void probesOfInvisibleComputersAreDenials() throws Exception {
        UUID meta = device(HelpdeskClient.METADATA_ONLY_DEVICE, Tenant.DEFAULT);
        List<AuditEvent> searches = latestBy(HANNA).stream()
                .filter(e -> e.getAction().equals(AccessRequests.COMPUTER_SEARCH_ACTION)).toList();
        assertEquals(List.of("HD-PC-META"), searches.stream().map(AuditEvent::getTargetId).toList(),
                "neither the found names nor " + UNKNOWN_NAME + " are recorded");
        AuditEvent search = searches.get(0);
        assertEquals("NOT_VISIBLE_TO_USER", search.getResultCode());
        assertEquals(HelpdeskClient.METADATA_ONLY_DEVICE, search.getTargetName());
        assertTrue(search.getDetails().contains(meta.toString()), search.getDetails());

        AuditEvent lookup = latestBy(HANNA).stream()
                .filter(e -> e.getAction().equals(AccessRequests.KEY_ID_LOOKUP_ACTION)).findFirst().orElseThrow();
        assertEquals(HelpdeskClient.METADATA_ONLY_KEY_ID, lookup.getTargetId());
        assertEquals("NOT_VISIBLE_TO_USER", lookup.getResultCode());
        assertEquals(HelpdeskClient.METADATA_ONLY_DEVICE, lookup.getTargetName());
        assertTrue(lookup.getDetails().contains(meta.toString()), lookup.getDetails());

        String globalChannels = as(() -> channels.list()).stream().filter(c -> c.isEnabled() && c.isGlobal())
                .map(NotificationChannel::getName).collect(Collectors.collectingAndThen(Collectors.joining(", "),
                        joined -> joined.isEmpty() ? null : joined));
        assertEquals(globalChannels, search.getNotificationChannels(), "no rule applies: the global channels fire");
        assertEquals(globalChannels, lookup.getNotificationChannels());

        List<Long> denials = as(() -> dashboard.snapshot(Dashboard.DEFAULT_STALE_DAYS)).recentDenials().stream()
                .map(DeniedRequest::sequence).toList();
        assertEquals(List.of(lookup.getSequence(), search.getSequence()), denials.subList(0, 2), denials.toString());
        assertNoPasswordInTheAuditLog();
    }

    @Test
    @Order(14)
    @DisplayName("Set-up: a reason is required")
    void reasonRequired() throws Exception {
        settle(ReasonMode.REQUIRED, new RateLimits(0, 0, 0, 0, 0, 0));
    }

    @Test
    @Order(15)
    @RunAsClient
    @DisplayName("A reason of white space only is refused, for a request and for a key ID lookup")
    void whitespaceReasonIsRefused() {
        RequestAccessPage page = HelpdeskClient.open();
        assertEquals("Reason (required)", page.reasonLabel());
        page.find(HelpdeskClient.DEVICE);
        page.choose(DEFAULT_DIRECTORY);
        page.reason("   ");

        page.showPasswords();
        assertEquals("Access denied: a reason is required. Say why you need access, then ask again.",
                page.deniedSentence());
        assertEquals(HELP_TEXT, page.deniedHelp());
        assertEquals(List.of(), page.keys());

        // Spaces only: a typed tab would move the focus to the Show button, and the next space would press it.
        page.reason("    ");
        page.lookUp("4E7F3159");
        assertEquals("Access denied: a reason is required. Say why you need access, then ask again.",
                page.lookupDenied());
        assertEquals(HELP_TEXT, page.lookupHelp());
    }

    @Test
    @Order(16)
    @RunAsClient
    @DisplayName("No button loses what was typed; Enter looks up in the key ID field and finds in the name field; the key looked up is listed first")
    void nothingTypedIsLost() {
        RequestAccessPage page = HelpdeskClient.open();
        page.reason(REASON);
        page.find(HelpdeskClient.DEVICE);
        assertEquals(REASON, page.reasonText(), "Find keeps the reason");
        page.reason(SECOND_REASON);
        page.choose(DEFAULT_DIRECTORY);
        assertEquals(SECOND_REASON, page.reasonText(), "Choose keeps the reason");
        page.showPasswords();
        assertEquals("Helpdesk reads HD-PC-1", page.grantingRule(), page.deniedSentence());
        List<RequestAccessPage.Key> keys = page.keys();
        assertEquals(List.of("C:", "D:", "E:", "D:"), keys.stream().map(RequestAccessPage.Key::mountPoint).toList(),
                keys.toString());
        assertTrue(keys.stream().noneMatch(RequestAccessPage.Key::lookedUp), "found by name: nothing is marked");

        page.find(UNKNOWN_NAME);
        assertTrue(page.errorText().startsWith("There is no computer named " + UNKNOWN_NAME), page.errorText());
        assertEquals(SECOND_REASON, page.reasonText(), "a failed Find keeps the reason");
        page.lookUpWithEnter("4E7F3159");
        assertEquals(HelpdeskClient.DEVICE, page.chosenComputer(), "Enter in the key ID field looks it up");
        assertEquals(DEFAULT_DIRECTORY, page.chosenDirectory());
        assertEquals(SECOND_REASON, page.reasonText(), "Look up keeps the reason");
        assertEquals(UNKNOWN_NAME, page.computerText(), "Look up keeps the name");
        page.showPasswords();
        assertEquals("Helpdesk reads HD-PC-1", page.grantingRule(), page.deniedSentence());
        keys = page.keys();
        assertEquals(List.of("4E7F3159", "1B4C0E26", "3D6E2048", "2C5D1F37"),
                keys.stream().map(RequestAccessPage.Key::keyId).toList(), "the key looked up first: " + keys);
        assertEquals(List.of(true, false, false, false), keys.stream().map(RequestAccessPage.Key::lookedUp).toList(),
                keys.toString());
        assertEquals("The key ID you looked up", keys.get(0).lookedUpLabel());
        assertPassword(REMOVABLE, keys.get(0).password(), keys.get(0).keyId());

        page.reason(THIRD_REASON);
        page.chooseAnother();
        assertEquals(THIRD_REASON, page.reasonText(), "Choose another computer keeps the reason");
        assertEquals("4E7F3159", page.keyIdText(), "and the key ID");
        page.findWithEnter(HelpdeskClient.DEVICE);
        assertEquals(2, page.candidates().size(), "Enter in the name field finds: " + page.candidates());
        assertEquals(THIRD_REASON, page.reasonText());
        assertEquals("4E7F3159", page.keyIdText());
    }

    @Test
    @Order(17)
    @RunAsClient
    @DisplayName("The administrator hides each recovery password until Show in Settings / User interface")
    void administratorHidesPasswords() throws Exception {
        HelpdeskClient.signIn("admin", TestEnvironment.adminPassword());
        UserInterfacePage settingsPage = HelpdeskClient.openUserInterfaceSettings();
        assertEquals("Hide each recovery password until the helpdesk user clicks Show",
                settingsPage.hidePasswordsLabel());
        assertFalse(settingsPage.hidePasswords(), "off until an administrator turns it on");
        settingsPage.hidePasswords(true).save();
        assertTrue(settingsPage.infoText().startsWith("The user interface settings were saved"),
                settingsPage.errorText());
        assertTrue(HelpdeskClient.openUserInterfaceSettings().hidePasswords(), "saved");
        HelpdeskClient.signIn(HANNA, HANNA_PASSWORD);
    }

    @Test
    @Order(18)
    @DisplayName("The change is audited, and like the other settings it refuses an out-of-date version")
    void passwordHidingIsAudited() throws Exception {
        AccessSettings current = settings.current();
        assertTrue(current.isHidePasswordsUntilShown());
        AuditEvent changed = as(() -> audit.latest(20)).stream()
                .filter(e -> e.getAction().equals("settings.password-hiding-changed")).findFirst().orElseThrow();
        assertEquals("admin", changed.getActor());
        assertEquals("recovery passwords hidden until Show is clicked: on", changed.getDetails());
        assertTrue(messages(assertThrows(Exception.class, () -> as(() -> settings.changePasswordHiding(
                current.getVersion() - 1, false)))).contains("These settings were changed by someone else"),
                "an out-of-date version is refused");
        assertTrue(settings.current().isHidePasswordsUntilShown());
    }

    @Test
    @Order(19)
    @RunAsClient
    @DisplayName("Hidden passwords: none is displayed, Show displays exactly that key's, and a forged Show is refused")
    void showDisplaysOneKey() {
        RequestAccessPage page = HelpdeskClient.open();
        page.reason(FOURTH_REASON);
        page.find(HelpdeskClient.DEVICE);
        page.choose(DEFAULT_DIRECTORY);
        page.showPasswords();
        assertEquals("Helpdesk reads HD-PC-1", page.grantingRule(), page.deniedSentence());
        assertTrue(page.hiddenHint().startsWith("Each password is hidden until you press its Show password button"),
                page.hiddenHint());
        List<RequestAccessPage.Key> keys = page.keys();
        assertEquals(List.of("1B4C0E26", REVEALED_KEY_ID, "4E7F3159", "2C5D1F37"),
                keys.stream().map(RequestAccessPage.Key::keyId).toList(), keys.toString());
        for (RequestAccessPage.Key key : keys) {
            assertEquals(List.of(), key.displayedSecret(), "nothing of the password is displayed: " + key);
            assertEquals("", key.password(), key.toString());
            assertTrue(key.showButton(), key.toString());
        }

        page.showPassword(1);
        keys = page.keys();
        assertEquals("", page.errorText());
        assertEquals(List.of(List.of(), WHOLE_PASSWORD, List.of(), List.of()),
                keys.stream().map(RequestAccessPage.Key::displayedSecret).toList(), "exactly that key: " + keys);
        assertEquals(List.of(true, false, true, true), keys.stream().map(RequestAccessPage.Key::showButton).toList(),
                keys.toString());
        assertPassword(FIXED_REPLACEMENT, keys.get(1).password(), keys.get(1).keyId());

        String request = page.requestNumber();
        assertEquals("Request " + branchRequestNumber + " showed its recovery passwords at once; there is no Show to "
                + "record, and nothing was recorded.", page.forgeReveal(branchRequestNumber, "1B4C0E26"),
                "another request's number, one that did show this key ID");
        assertEquals("Request " + request + " did not show the recovery password of key ID "
                + HelpdeskClient.METADATA_ONLY_KEY_ID + "; nothing was recorded.",
                page.forgeReveal(request, HelpdeskClient.METADATA_ONLY_KEY_ID), "a key ID this request did not show");
        assertEquals(List.of(List.of(), WHOLE_PASSWORD, List.of(), List.of()),
                page.keys().stream().map(RequestAccessPage.Key::displayedSecret).toList(),
                "the refusals show nothing more: " + page.keys());
    }

    @Test
    @Order(20)
    @DisplayName("Exactly one reveal is recorded, for that key and request; a reveal of another user's request is refused and records nothing")
    void theRevealIsAudited() throws Exception {
        AuditEvent request = requestsBy(HANNA).get(0);
        assertEquals(FOURTH_REASON, request.getReason());
        assertEquals("SUCCESS", request.getResultCode());
        assertTrue(request.getDetails().endsWith("; each hidden until Show is clicked"), request.getDetails());
        UUID device = device(HelpdeskClient.DEVICE, Tenant.DEFAULT);
        SignedInCalls.Caller colleague = signedIn.newAccount("colleague", Role.HELPDESK);

        try {
            assertTrue(messages(assertThrows(Exception.class, () -> signedIn.as(colleague, () -> accessRequests
                    .recordReveal("192.0.2.10", request.getSequence(), REVEALED_KEY_ID)))).contains("Request "
                    + request.getSequence() + " is not a granted request of yours for recovery passwords; nothing "
                    + "was recorded."));
        } finally {
            signedIn.retire(colleague);
        }

        List<AuditEvent> reveals = as(() -> audit.latest(2000)).stream()
                .filter(e -> e.getAction().equals(AccessRequests.PASSWORD_REVEALED_ACTION)).toList();
        assertEquals(1, reveals.size(), "the refused reveals recorded nothing: " + reveals.stream()
                .map(AuditEvent::getDetails).toList());
        AuditEvent reveal = reveals.get(0);
        assertEquals(HANNA, reveal.getActor());
        assertEquals(device.toString(), reveal.getTargetId());
        assertEquals(HelpdeskClient.DEVICE, reveal.getTargetName());
        assertEquals("recovery password of key id " + REVEALED_KEY_ID + " shown on request " + request.getSequence(),
                reveal.getDetails());
        assertEquals(request.getClientAddress(), reveal.getClientAddress());
        assertTrue(reveal.getSequence() > request.getSequence());
        assertNoPasswordInTheAuditLog();
    }

    @Test
    @Order(21)
    @DisplayName("Set-up: one request per hour per user")
    void userLimit() throws Exception {
        settle(ReasonMode.OPTIONAL, new RateLimits(0, 1, 0, 0, 0, 0));
    }

    @Test
    @Order(22)
    @RunAsClient
    @DisplayName("Over the user's rate limit: denied in words, for requests and lookups")
    void userRateLimit() {
        RequestAccessPage page = HelpdeskClient.open();
        page.find(HelpdeskClient.DEVICE);
        page.choose(DEFAULT_DIRECTORY);
        page.showPasswords();
        assertEquals("Access denied: you have made too many requests recently. Wait a while before you try again.",
                page.deniedSentence());
        page.lookUp("4E7F3159");
        assertEquals("Access denied: you have made too many requests recently. Wait a while before you try again.",
                page.lookupDenied());
    }

    @Test
    @Order(23)
    @DisplayName("Set-up: one request per hour per client address")
    void addressLimit() throws Exception {
        settle(ReasonMode.OPTIONAL, new RateLimits(0, 0, 0, 0, 1, 0));
    }

    @Test
    @Order(24)
    @RunAsClient
    @DisplayName("Over the address's rate limit: denied in words")
    void addressRateLimit() {
        RequestAccessPage page = HelpdeskClient.open();
        page.find(HelpdeskClient.DEVICE);
        page.choose(DEFAULT_DIRECTORY);
        page.showPasswords();
        assertEquals("Access denied: too many requests came from your network address recently. Wait a while before "
                + "you try again.", page.deniedSentence());
    }

    @Test
    @Order(25)
    @DisplayName("Every denial was audited with its result code, and still no record holds a password")
    void denialsAreAudited() throws Exception {
        settle(ReasonMode.OPTIONAL, new RateLimits(0, 0, 0, 0, 0, 0));
        List<String> requested = requestsBy(HANNA).stream().map(AuditEvent::getResultCode).toList();
        assertEquals(List.of("IP_RATE_LIMIT_EXCEEDED", "USER_RATE_LIMIT_EXCEEDED", "SUCCESS", "SUCCESS", "SUCCESS",
                "REASON_REQUIRED", "NO_MATCHING_RULE_FOR_TARGET", "EXPLICITLY_DENIED", "NO_MATCHING_RULE_FOR_USER",
                "SUCCESS", "SUCCESS", "SUCCESS"), requested);
        List<String> lookups = latestBy(HANNA).stream()
                .filter(e -> e.getAction().equals(AccessRequests.KEY_ID_LOOKUP_ACTION))
                .map(AuditEvent::getResultCode).limit(4).toList();
        assertEquals(List.of("USER_RATE_LIMIT_EXCEEDED", "SUCCESS", "REASON_REQUIRED", "NOT_VISIBLE_TO_USER"),
                lookups);
        List<String> reasons = requestsBy(HANNA).subList(2, 5).stream().map(AuditEvent::getReason).toList();
        assertEquals(List.of(FOURTH_REASON, SECOND_REASON, SECOND_REASON), reasons,
                "the hidden passwords' request, then the reason typed before Find and Look up");
        assertNoPasswordInTheAuditLog();
    }

    @Test
    @Order(26)
    @RunAsClient
    @DisplayName("A user without the Helpdesk role (the administrator) is refused the page: 403, and no menu entry")
    void withoutHelpdeskRoleThePageIsForbidden() throws Exception {
        HelpdeskClient.signIn("admin", TestEnvironment.adminPassword());
        assertFalse(HelpdeskClient.menuEntries().contains("Request access"), HelpdeskClient.menuEntries().toString());

        assertEquals(403, HelpdeskClient.statusOfRequestPage());
        assertTrue(HelpdeskClient.textAtRequestPage().contains("Your account does not have a role that may open this "
                + "page."));
    }

    @Test
    @Order(27)
    @DisplayName("Clean-up: the reason, password hiding and rate limit settings are as this class found them, for the classes that share the server")
    void settingsAsFound() throws Exception {
        as(() -> {
            AccessSettings current = settings.current();
            AccessSettings changed = settings.changeUserInterface(current.getVersion(), (ReasonMode) settingsAsFound[0],
                    (String) settingsAsFound[1]);
            changed = settings.changePasswordHiding(changed.getVersion(), (Boolean) settingsAsFound[3]);
            return settings.changeRateLimits(changed.getVersion(), (RateLimits) settingsAsFound[2]);
        });
        assertEquals(settingsAsFound[2], settings.current().getRateLimits());
        assertEquals(settingsAsFound[3], settings.current().isHidePasswordsUntilShown());
    }

    /** Compares without printing: on failure only the shown text's length and a hash of it. */
    private static void assertPassword(String expected, String shown, String keyId) {
        assertTrue(expected.equals(shown), "the password shown for key " + keyId + " is not the one escrowed (shown: "
                + "length " + shown.length() + ", SHA-256 prefix " + sha256(shown) + ")");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages of an exception and its causes, one per line. */
    private static String messages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private void assertNoPasswordInTheAuditLog() throws Exception {
        for (AuditEvent event : as(() -> audit.latest(100_000))) {
            String fields = Stream.of(event.getTargetId(), event.getTargetName(), event.getDetails(), event.getReason(),
                    event.getRuleDescription(), event.getClientAddress()).filter(Objects::nonNull)
                    .collect(Collectors.joining("|"));
            for (String password : ALL) {
                assertFalse(fields.contains(password) || fields.contains(password.replace("-", "")),
                        "audit record " + event.getSequence() + " holds a recovery password");
            }
        }
    }

    /** Hanna's access requests, newest first. */
    private List<AuditEvent> requestsBy(String user) throws Exception {
        return latestBy(user).stream().filter(e -> e.getAction().equals(AccessRequests.ACTION)).toList();
    }

    private List<AuditEvent> latestBy(String user) throws Exception {
        return as(() -> audit.latest(2000)).stream().filter(e -> user.equals(e.getActor())).toList();
    }

    private void settle(ReasonMode reasonMode, RateLimits limits) throws Exception {
        as(() -> {
            AccessSettings current = settings.current();
            AccessSettings changed = settings.changeUserInterface(current.getVersion(), reasonMode, HELP_TEXT);
            return settings.changeRateLimits(changed.getVersion(), limits);
        });
    }

    private LocalGroup team() {
        return groups.list().stream().filter(g -> g.getName().equals(TEAM)).findFirst().orElseThrow();
    }

    private Tenant branch() throws Exception {
        return as(directory::tenants).stream().filter(t -> t.getName().equals(HelpdeskClient.BRANCH)).findFirst()
                .orElseThrow();
    }

    private UUID device(String name, UUID tenantId) throws Exception {
        return as(directory::devices).stream().filter(d -> d.getName().equals(name)
                        && d.getDirectory().getTenant().getId().equals(tenantId))
                .map(Device::getId).findFirst().orElseThrow();
    }

    private <T> T as(java.util.concurrent.Callable<T> work) throws Exception {
        return admin.call(work);
    }
}
