package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.EffectiveAccessPage;
import org.ams.it.browser.GroupsPage;
import org.ams.it.browser.NotificationChannelsPage;
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
 * The administrator guide's Step 6 in the browser: a rule for a device group made with the ACL editor for a group of
 * helpdesk users, and the Effective access tool agreeing with it, user by user; a Deny for one user winning over the
 * group's Allow; a disabled rule taking no part; and the editor refusing incomplete rules.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationRulesPageIT extends BrowserIT {

    private static final String COMPUTER = "RULE-PC-1";
    private static final String GROUP = "Finance laptops";
    private static final String TEAM = "Helpdesk team";
    private static final String RULE = "Helpdesk reads finance laptops";
    private static final String DENY_RULE = "Hannah may not read RULE-PC-1";
    private static final String CHANNEL = "Security team mail";
    private static final String PASSWORDS = "Read BitLocker recovery passwords";
    private static final String METADATA = "Read BitLocker key metadata";


    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @Test
    @Order(1)
    @DisplayName("Step 6: a rule for a device group, with the ACL editor granting a group; effective access agrees")
    void ruleForAGroupOfHelpdeskUsers() throws Exception {
        ConsoleSetup console = new ConsoleSetup(browser, base, downloads);
        console.signInAsAdministrator();
        AuthenticationPage accounts = authentication();
        accounts.addLocalAccount("hannah", "Hannah Helpdesk", "Hannah-Password-2026");
        accounts.addLocalAccount("mallory", "Mallory Elsewhere", "Mallory-Password-2026");
        accounts.addLocalGroup(TEAM, "First-line support");
        authentication().addMember(TEAM, "hannah");
        AgentRegistrationPage registration = console.agentRegistration();
        if (!registration.agentSupportStatus().contains("enabled")) {
            registration.enableAgentSupport();
        }
        String key = new AgentRegistrationPage(browser).addKey("Rules IT", null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        AgentDevice device = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "rules-agent-"),
                ConsoleSetup.servedFingerprint());
        AgentProcess.Result registered = device.register(key, COMPUTER);
        assertEquals(0, registered.exitCode(), registered.output());
        NotificationChannelsPage channels = browser.open(base + "admin/settings/notification-channels.xhtml",
                NotificationChannelsPage.class).on(browser);
        channels.startAddingEmail();
        NotificationChannelsPage.EmailChannel mail = new NotificationChannelsPage.EmailChannel();
        mail.name = CHANNEL;
        mail.host = "127.0.0.1";
        mail.port = 2525;
        mail.security = "NONE";
        mail.from = "ams@corp.example";
        mail.recipients = "security@corp.example";
        mail.subject = "{{result}}: {{user}} on {{computer}}";
        channels.fill(mail);
        channels.save();
        assertTrue(channels.channels().contains(CHANNEL), () -> "the channel was not saved: " + channels.errorText());
        open(GroupsPage.PATH, GroupsPage::new).add(GROUP, "");
        new GroupsPage(browser).openMembers(GROUP);
        new GroupsPage(browser).addMember(COMPUTER);

        ComputerRulesPage.Editor editor = open(ComputerRulesPage.PATH, ComputerRulesPage::new).add()
                .target("finance", "Device group Default / " + GROUP).description(RULE)
                .addEntry("helpdesk", TEAM, true, PASSWORDS, METADATA).doneWithPermissions()
                .notify(CHANNEL, true).notify(CHANNEL, false);
        assertEquals(List.of("Allow " + TEAM + ": " + PASSWORDS + ", " + METADATA), editor.entries());
        ComputerRulesPage page = editor.save();

        ComputerRulesPage.Row row = page.row(RULE).orElseThrow(() -> new AssertionError("not saved: " + page.errorText()));
        assertEquals("Device group Default / " + GROUP, row.target());
        assertEquals("Active", row.status());
        assertEquals("never", row.expires());
        assertEquals("Allow group " + TEAM + ": " + PASSWORDS + ", " + METADATA, row.acl());
        assertEquals("Success: " + CHANNEL, row.successChannels());
        assertEquals("Failure: " + CHANNEL, row.failureChannels());

        EffectiveAccessPage.Answer hannah = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("hannah", COMPUTER, PASSWORDS);
        assertTrue(hannah.verdict().startsWith("Granted: hannah may read bitlocker recovery passwords"),
                hannah.verdict());
        assertTrue(hannah.verdict().contains(RULE), hannah.verdict());
        assertEquals(TEAM, hannah.groups());
        EffectiveAccessPage.Considered considered = hannah.rules().get(0);
        assertEquals(RULE, considered.description());
        assertEquals("targets a group of this computer", considered.relation());
        assertEquals("Allow via group " + TEAM, considered.entries());

        EffectiveAccessPage.Answer mallory = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("mallory", COMPUTER, PASSWORDS);
        assertTrue(mallory.verdict().startsWith("Denied: rules apply to this computer, but none of them gives "
                + "mallory"), mallory.verdict());
        assertEquals("no entry names the user or their groups", mallory.rules().get(0).entries());
    }

    @Test
    @Order(2)
    @DisplayName("A Deny for one user on the computer wins over the group's Allow; disabled, it takes no part")
    void denyWinsUntilDisabled() {
        open(ComputerRulesPage.PATH, ComputerRulesPage::new).add().target("rule-pc", "Computer " + COMPUTER)
                .description(DENY_RULE).addEntry("hannah", "hannah", false, PASSWORDS).doneWithPermissions().save();

        assertEquals(List.of(DENY_RULE), new ComputerRulesPage(browser).filterByDescription("may not"),
                "the Description filter narrows the list");

        EffectiveAccessPage.Answer denied = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("hannah", COMPUTER, PASSWORDS);
        assertEquals("Denied: the rule \"" + DENY_RULE + "\" denies hannah this permission, and a Deny always wins.",
                denied.verdict());
        EffectiveAccessPage.Answer metadata = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("hannah", COMPUTER, METADATA);
        assertTrue(metadata.verdict().startsWith("Granted"), "the Deny covers passwords only: " + metadata.verdict());

        open(ComputerRulesPage.PATH, ComputerRulesPage::new).toggle(DENY_RULE);
        assertEquals("Disabled", new ComputerRulesPage(browser).row(DENY_RULE).orElseThrow().status());
        EffectiveAccessPage.Answer again = open(EffectiveAccessPage.PATH, EffectiveAccessPage::new)
                .check("hannah", COMPUTER, PASSWORDS);
        assertTrue(again.verdict().startsWith("Granted"), again.verdict());
        assertTrue(again.rules().stream().anyMatch(rule -> rule.description().equals(DENY_RULE)
                && rule.status().equals("disabled")), "the disabled rule is listed as such");

        open(ComputerRulesPage.PATH, ComputerRulesPage::new).delete(DENY_RULE);
        assertTrue(new ComputerRulesPage(browser).row(DENY_RULE).isEmpty());
    }

    @Test
    @Order(3)
    @DisplayName("Incomplete rules are refused with a sentence saying what is missing, and nothing is saved")
    void incompleteRulesAreRefused() {
        ComputerRulesPage page = open(ComputerRulesPage.PATH, ComputerRulesPage::new);
        int before = page.rows().size();

        ComputerRulesPage.Editor noTarget = page.add().description("No target");
        assertFalse(noTarget.expiryHasCalendarButton(),
                "the expiry opens its calendar in the field, like every date field, without an unlabeled button");
        assertEquals(List.of(), noTarget.permissionsTickedAtFirst(),
                "no permission is chosen for the administrator: ticking one chooses it, never un-ticks it");
        noTarget.addEntry("hannah", "hannah", true, PASSWORDS).doneWithPermissions();
        noTarget.save();
        assertTrue(new ComputerRulesPage(browser).errorText().contains("Choose the tenant"),
                new ComputerRulesPage(browser).errorText());
        assertTrue(noTarget.isOpen(), "the editor keeps what was entered");

        open(ComputerRulesPage.PATH, ComputerRulesPage::new).add().target("rule-pc", "Computer " + COMPUTER)
                .description("Nobody in it").save();
        assertTrue(new ComputerRulesPage(browser).errorText().contains("at least one user or group"),
                new ComputerRulesPage(browser).errorText());

        open(ComputerRulesPage.PATH, ComputerRulesPage::new).add().target("rule-pc", "Computer " + COMPUTER)
                .addEntry("hannah", "hannah", true, PASSWORDS).doneWithPermissions().save();
        assertTrue(new ComputerRulesPage(browser).errorText().contains("Describe the rule"),
                new ComputerRulesPage(browser).errorText());

        assertEquals(before, open(ComputerRulesPage.PATH, ComputerRulesPage::new).rows().size());
    }

    private AuthenticationPage authentication() {
        return browser.open(base + "admin/settings/authentication.xhtml", AuthenticationPage.class).on(browser);
    }

}
