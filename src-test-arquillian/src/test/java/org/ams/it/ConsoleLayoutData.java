package org.ams.it;

import java.net.URL;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.GroupsPage;
import org.ams.it.browser.NotificationChannelsPage;
import org.ams.it.browser.PasswordSettingsPage;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.RolesPage;
import org.openqa.selenium.By;

/**
 * Data with long, realistic values on every console page, made through the console and the real agent jar under
 * names of this run: a computer in two device groups, a registration key, an encryption certificate (not made
 * active), an email channel with several recipients that cannot be reached, a rule with a long description and a
 * long ACL that notifies it, and a Helpdesk user whose group may only read the computer's key metadata: the user's
 * request for its recovery passwords is denied, which puts a delivery error on the channels page, a denial on the
 * Dashboard and a record with reason, rule and channel in the audit log.
 * {@link #cleanUp} takes back what other classes would notice: the channel, the certificate and agent support.
 */
final class ConsoleLayoutData {

    private static final String PASSWORDS = "Read BitLocker recovery passwords";
    private static final String METADATA = "Read BitLocker key metadata";

    final String run = HexFormat.of().withUpperCase().formatHex(new SecureRandom().generateSeed(4));
    final String device = "PC-LAB07-" + run;
    final String helpdeskUser = "layout-helpdesk-" + run.toLowerCase();
    final String helpdeskPassword = "Layout-Helpdesk-Password-1";
    private final String team = "Second-line support, Finance and Controlling " + run;
    private final String nightShift = "Service desk EMEA night shift " + run;
    private final String laptops = "Finance laptops, building 7, third floor " + run;
    private final String pilot = "BitLocker pilot with TPM and PIN " + run;
    private final String registrationKey = "Finance laboratory computers, building 7 " + run;
    private final String certificate = "AMS recovery password encryption 2026 " + run;
    private final String channel = "Security operations centre mail " + run;
    private final String rule = "Second-line support reads the recovery passwords of the finance laboratory during "
            + "the quarter-end close " + run;

    private final Browser browser;
    private final URL base;
    private final ConsoleSetup console;
    private boolean agentSupportWasEnabled;

    ConsoleLayoutData(Browser browser, URL base, ConsoleSetup console) {
        this.browser = browser;
        this.base = base;
        this.console = console;
    }

    /** Makes everything as the administrator, then the Helpdesk user's denied request; ends signed in as neither. */
    void create() throws Exception {
        console.signInAsAdministrator();
        accounts();
        String key = registrationKey();
        AgentDevice agent = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "layout-agent-"),
                ConsoleSetup.servedFingerprint());
        AgentProcess.Result registered = agent.register(key, device);
        if (registered.exitCode() != 0 || !registered.output().contains("(APPROVED)")) {
            throw new AssertionError(registered.output());
        }
        groups();
        console.passwordSettings().generate(certificate);
        channel();
        rule();
        deniedRequest();
    }

    private void accounts() {
        AuthenticationPage accounts = authentication();
        accounts.addLocalAccount(helpdeskUser, "Layout Helpdesk " + run, helpdeskPassword);
        accounts.addLocalGroup(team, "Escalations from the first-line service desk, Monday to Friday");
        authentication().addLocalGroup(nightShift, "Covers the finance laboratory outside office hours");
        authentication().addMember(nightShift, helpdeskUser);
        RolesPage roles = browser.open(base + "admin/settings/roles.xhtml", RolesPage.class).on(browser);
        roles.search(helpdeskUser);
        roles.grant("HELPDESK", helpdeskUser);
    }

    private String registrationKey() {
        AgentRegistrationPage registration = console.agentRegistration();
        agentSupportWasEnabled = registration.agentSupportStatus().contains("enabled");
        if (!agentSupportWasEnabled) {
            registration.enableAgentSupport();
        }
        String key = console.agentRegistration().addKey(registrationKey, null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        return key;
    }

    private void groups() {
        for (String group : new String[] {laptops, pilot}) {
            GroupsPage groups = new GroupsPage(open(GroupsPage.PATH));
            groups.add(group, "Computers of the finance laboratory that escrow their keys to AMS");
            new GroupsPage(browser).openMembers(group);
            new GroupsPage(browser).addMember(device);
        }
    }

    private void channel() {
        NotificationChannelsPage channels = channels();
        channels.startAddingEmail();
        NotificationChannelsPage.EmailChannel mail = new NotificationChannelsPage.EmailChannel();
        mail.name = channel;
        mail.host = "127.0.0.1";
        mail.port = 9;
        mail.security = "NONE";
        mail.from = "ams-notifications@finance.corp.example";
        mail.recipients = "security-operations-centre@corp.example, finance-it-escalations@finance.corp.example, "
                + "helpdesk-team-leads@corp.example";
        mail.subject = "{{result}}: {{user}} asked for the recovery password of {{computer}}";
        channels.fill(mail);
        channels.save();
        if (!channels().channels().contains(channel)) {
            throw new AssertionError("the channel was not saved");
        }
    }

    private void rule() {
        ComputerRulesPage page = new ComputerRulesPage(open(ComputerRulesPage.PATH)).add()
                .target(device, "Computer " + device).description(rule)
                .addEntry(team, team, true, PASSWORDS, METADATA)
                .addEntry(nightShift, nightShift, true, METADATA)
                .doneWithPermissions().notify(channel, false).save();
        if (page.row(rule).isEmpty()) {
            throw new AssertionError("the rule was not saved: " + page.errorText());
        }
    }

    private void deniedRequest() {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "login.xhtml", org.ams.it.browser.LoginPage.class).signIn(helpdeskUser, helpdeskPassword);
        browser.waitUntil(driver -> !browser.currentPath().endsWith("login.xhtml"));
        RequestAccessPage request = new RequestAccessPage(open(RequestAccessPage.PATH));
        request.find(device);
        if (browser.driver().findElements(By.id("request:show")).isEmpty()) {
            throw new AssertionError("the Helpdesk user cannot choose " + device + ": " + request.errorText());
        }
        if (!browser.driver().findElements(By.id("request:reason")).isEmpty()) {
            request.reason("Ticket INC-2026-004711: user locked out after a firmware update of the laptop dock");
        }
        request.showPasswords();
        if (request.deniedSentence().isEmpty()) {
            throw new AssertionError("the request was not denied");
        }
        browser.driver().manage().deleteAllCookies();
    }

    /** Deletes the channel and the certificate and sets agent support back; signs in as the administrator. */
    void cleanUp() {
        browser.driver().manage().deleteAllCookies();
        console.signInAsAdministrator();
        channels().delete(channel);
        PasswordSettingsPage certificates = console.passwordSettings();
        certificates.rows().stream().filter(row -> row.subject().contains(certificate)).findFirst()
                .ifPresent(row -> certificates.delete(row.thumbprint()));
        if (!agentSupportWasEnabled) {
            console.agentRegistration().disableAgentSupport();
        }
    }

    private AuthenticationPage authentication() {
        return browser.open(base + "admin/settings/authentication.xhtml", AuthenticationPage.class).on(browser);
    }

    private NotificationChannelsPage channels() {
        return browser.open(base + "admin/settings/notification-channels.xhtml", NotificationChannelsPage.class)
                .on(browser);
    }

    private Browser open(String path) {
        browser.driver().get(base + path);
        browser.waitForPage();
        return browser;
    }
}
