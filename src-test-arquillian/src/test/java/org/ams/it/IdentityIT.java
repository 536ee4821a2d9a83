package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.URL;
import java.util.List;
import org.ams.identity.testing.TestDirectory;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.NavigatingClick;
import org.ams.it.browser.Menu;
import org.ams.it.browser.RolesPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Sign-in with Active Directory-like accounts, as an administrator sets it up: a real LDAP server (StartTLS, a
 * self-signed certificate the administrator pastes in) is connected on Settings / Authentication, a nested group is
 * granted Helpdesk on Settings / Roles, and then people sign in, or are refused, in a real browser.
 * <p>
 * The tests build on each other in the order an administrator would work; after the directory goes down, local
 * accounts and local groups still work.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityIT {

    private static final String DIRECTORY = "Corp AD";
    private static final String FAILED = "Sign-in failed. Check the user name and password; if they are right, your "
            + "account may be disabled.";
    private static final String HELEN_PASSWORD = "Helen-Password-2024";
    private static final String SAM_PASSWORD = "Sam-Password-2024";

    private static TestDirectory directory;
    private static Browser browser;

    @ArquillianResource
    private URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shared();
    }

    @BeforeAll
    static void start() throws Exception {
        directory = TestDirectory.start();
        browser = Browser.shared();
    }

    @AfterAll
    static void stop() {
        if (directory != null) {
            directory.close();
        }
    }

    @AfterEach
    void forgetSession() {
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    @Order(1)
    @DisplayName("The administrator connects the directory on Settings / Authentication; bad settings change nothing")
    void administratorConnectsTheDirectory() {
        signIn("admin", TestEnvironment.adminPassword());
        AuthenticationPage page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        // The server is shared with other IT classes: what this class adds is compared with what was there before.
        List<String> before = page.directories();
        assertFalse(before.contains(DIRECTORY), before.toString());

        page.startAdding();
        AuthenticationPage.Directory settings = corpDirectory();
        settings.url = "http://127.0.0.1:" + directory.port();
        page.fill(settings);
        page.save();
        assertEquals("The server URL must start with ldaps:// or ldap://, e.g. ldaps://dc1.corp.example:636.",
                page.errorText());
        assertEquals(before, page.directories(), "nothing was saved");

        page.fill(corpDirectory());
        String report = page.testConnection();
        assertEquals("Connected to " + directory.url() + " (StartTLS) and signed in as " + TestDirectory.BIND_DN
                + "; the user and group search bases exist.", report);

        page.save();
        List<String> after = new java.util.ArrayList<>(before);
        after.add(DIRECTORY);
        assertEquals(after, page.directories());
        assertEquals("Enabled", page.directoryStates().get(page.directories().indexOf(DIRECTORY)));
        assertFalse(browser.driver().getPageSource().contains(TestDirectory.BIND_PASSWORD),
                "the bind password is never shown again");
    }

    @Test
    @Order(2)
    @DisplayName("The principal picker finds directory groups; the administrator grants Helpdesk to a nested group")
    void administratorGrantsHelpdeskToTheTopOfANestedGroup() {
        signIn("admin", TestEnvironment.adminPassword());
        RolesPage roles = open("admin/settings/roles.xhtml", RolesPage.class);
        assertTrue(roles.grants().contains("Administrator: admin"), roles.grants().toString());
        assertFalse(roles.grants().contains("Helpdesk: Helpdesk Staff"), roles.grants().toString());

        // Other IT classes on this server may have local accounts and groups whose names hold "help" too.
        List<String> found = roles.search("help").stream().filter(entry -> entry.endsWith(", " + DIRECTORY + ")"))
                .toList();

        assertEquals(List.of("helen (User, " + DIRECTORY + ")", "Helpdesk Staff (Group, " + DIRECTORY + ")"), found);
        roles.grant("HELPDESK", "Helpdesk Staff");
        assertTrue(roles.grants().contains("Helpdesk: Helpdesk Staff"), roles.grants().toString());
    }

    @Test
    @Order(3)
    @DisplayName("An LDAP user three groups below the Helpdesk group signs in, reaches the helpdesk section, not /admin")
    void helpdeskUserInANestedGroupSignsIn() {
        // A page that needs sign-in opens a session (it remembers the page) before sending the browser to sign in:
        // that session's id must not survive the sign-in.
        browser.driver().manage().deleteAllCookies();
        LoginPage login = browser.open(base.toString(), LoginPage.class);
        String sessionBefore = sessionCookie();
        assertTrue(sessionBefore != null, "the browser has a session before signing in");

        submit(() -> login.signIn("helen", HELEN_PASSWORD));

        HomePage home = browser.on(HomePage.class);
        assertEquals("helen", home.signedInUser());
        assertEquals("Helpdesk", home.roles());
        assertTrue(home.helpdeskSection().contains("Request access to a recovery password"), home.helpdeskSection());
        assertFalse(home.showsAdministration());
        assertFalse(new Menu(browser).entries().contains("Authentication"), "no administration menu");
        assertNotEquals(sessionBefore, sessionCookie(), "the session id is renewed at sign-in");

        browser.driver().get(base + "admin/settings/authentication.xhtml");
        browser.waitForPage();
        assertTrue(browser.driver().getPageSource().contains("Your account does not have a role that may open this "
                + "page"), "the administration pages answer 403");
    }

    @Test
    @Order(4)
    @DisplayName("A token issued to a directory user carries the directory's groups at each call: once the user leaves "
            + "the group that makes them Helpdesk, the next call is refused")
    void apiTokenOfADirectoryUserFollowsTheDirectory() throws Exception {
        ApiTokensClient.start();
        ApiTokensClient.at(base);
        String note = "helen: ticket sync " + java.util.UUID.randomUUID().toString().substring(0, 8);
        String token = ApiTokensClient.issue(ApiTokensClient.openAsAdministrator(), "helen", note,
                "Read computer and key metadata");

        ApiTokensClient.Answer asHelpdesk = ApiTokensClient.get("api/v1/computers?name=IDENTITY-IT-NO-SUCH-PC", token);
        assertEquals(200, asHelpdesk.status(), asHelpdesk.body().toString());
        assertEquals(0, asHelpdesk.body().getInt("total"));

        String helen = "cn=Helen Help,ou=Users,dc=corp,dc=example";
        String nightShift = "cn=Night Shift,ou=Groups,dc=corp,dc=example";
        directory.server().modify(nightShift, new Modification(ModificationType.DELETE, "member", helen));
        try {
            ApiTokensClient.Answer withoutTheGroup = ApiTokensClient.get("api/v1/computers?name=IDENTITY-IT-NO-SUCH-PC",
                    token);
            assertEquals(403, withoutTheGroup.status(), withoutTheGroup.body().toString());
            assertEquals("FORBIDDEN", withoutTheGroup.code(), "the owner no longer holds the Helpdesk role");
        } finally {
            directory.server().modify(nightShift, new Modification(ModificationType.ADD, "member", helen));
        }
        ApiTokensClient.Answer backInTheGroup = ApiTokensClient.get("api/v1/computers?name=IDENTITY-IT-NO-SUCH-PC",
                token);
        assertEquals(200, backInTheGroup.status(), "back in the group, the token works again");
    }

    @Test
    @Order(5)
    @DisplayName("A directory user with the right password but no role is refused, with a message saying so")
    void userWithoutRoleIsRefused() {
        String answer = attemptSignIn("nora", "Nora-Password-2024").errorText();

        assertEquals("Your account has no role in AMS. Ask an administrator.", answer);
        browser.open(base.toString(), LoginPage.class);
        assertTrue(browser.currentPath().endsWith("/login.xhtml"), "no session with access");
    }

    @Test
    @Order(6)
    @DisplayName("A disabled directory account is refused like a wrong password, even in a Helpdesk group")
    void disabledAccountIsRefused() {
        assertEquals(FAILED, attemptSignIn("dave", "Dave-Password-2024").errorText());
    }

    @Test
    @Order(7)
    @DisplayName("An LDAP injection in the user name matches nobody and is refused without an error page")
    void ldapInjectionIsRefused() {
        for (String attack : List.of("*", "*)(sAMAccountName=*", "hel*", "helen)(|(objectClass=*")) {
            assertEquals(FAILED, attemptSignIn(attack, HELEN_PASSWORD).errorText(), attack);
        }
    }

    @Test
    @Order(8)
    @DisplayName("A user name longer than any account's is refused with a clear message")
    void veryLongUserNameIsRefused() {
        browser.open(base + "login.xhtml", LoginPage.class);
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('login:username').value = "
                + "'h'.repeat(5000); document.getElementById('login:password').value = arguments[0];", HELEN_PASSWORD);
        submit(() -> NavigatingClick.click(browser.driver().findElement(By.id("login:signIn"))));

        assertEquals("A user name has at most 128 characters.", browser.on(LoginPage.class).errorText());
    }

    @Test
    @Order(9)
    @DisplayName("After five failures the account is throttled, even for the right password; unknown names alike")
    void failedSignInsAreRateLimited() {
        for (int i = 0; i < 5; i++) {
            assertEquals(FAILED, attemptSignIn("helen", "wrong-password-" + i).errorText());
        }

        String throttled = attemptSignIn("helen", HELEN_PASSWORD).errorText();

        assertEquals("Too many failed sign-ins. Try again in 15 minutes.", throttled);

        String unknownName = "";
        for (int i = 0; i < 6; i++) {
            unknownName = attemptSignIn("nobody-by-this-name", "wrong-" + i).errorText();
        }
        assertEquals(throttled, unknownName, "the same answer: nothing tells an unknown name from a known one");
    }

    @Test
    @Order(10)
    @DisplayName("With the directory down its users hear so, and the local administrator still signs in")
    void directoryDown() {
        directory.stop();

        String answer = attemptSignIn("nora", "Nora-Password-2024").errorText();

        assertEquals(FAILED + " The directory '" + DIRECTORY + "' could not be reached, so its accounts cannot sign "
                + "in right now; local accounts still can.", answer);

        signIn("admin", TestEnvironment.adminPassword());
        assertEquals("admin", browser.on(HomePage.class).signedInUser());
    }

    @Test
    @Order(11)
    @DisplayName("With the directory down, the administrator adds a local auditor; the picker still finds local "
            + "accounts; the last local Administrator grant cannot be revoked")
    void localAccountsAndRolesWhileTheDirectoryIsDown() {
        signIn("admin", TestEnvironment.adminPassword());
        AuthenticationPage accounts = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        List<String> before = accounts.localAccounts();
        assertTrue(before.contains("admin") && !before.contains("irene"), before.toString());
        accounts.addLocalAccount("irene", "Irene Auditor", "short");
        assertEquals("A password needs at least 12 characters.", accounts.errorText());
        assertEquals(before, accounts.localAccounts(), "nothing was created");
        accounts.addLocalAccount("irene", "Irene Auditor", "Irene-Password-2024");
        assertTrue(accounts.localAccounts().contains("irene"), accounts.localAccounts().toString());
        assertEquals(before.size() + 1, accounts.localAccounts().size(), accounts.localAccounts().toString());

        RolesPage roles = open("admin/settings/roles.xhtml", RolesPage.class);
        assertEquals(List.of("irene (User, Local accounts)"), roles.search("irene"));
        assertEquals(1, roles.searchProblems().size(), "the unreachable directory is reported");
        assertTrue(roles.searchProblems().get(0).startsWith("The directory '" + DIRECTORY + "' could not be searched"),
                roles.searchProblems().get(0));
        roles.grant("AUDITOR", "irene");
        roles.revoke("Administrator: admin");
        assertTrue(roles.errorText().startsWith("The Administrator role of admin stays"), roles.errorText());
        assertTrue(roles.grants().contains("Administrator: admin"));
        browser.driver().manage().deleteAllCookies();

        signIn("irene", "Irene-Password-2024");

        HomePage home = browser.on(HomePage.class);
        assertEquals("Auditor", home.roles());
        assertTrue(home.showsAudit());
        assertEquals("", home.helpdeskSection());
    }

    @Test
    @Order(12)
    @DisplayName("A new local account in a local group granted Auditor signs in as Auditor; once it leaves the group, "
            + "its next sign-in has no role; bad group input changes nothing")
    void localGroupPassesItsRoleToItsMembers() {
        signIn("admin", TestEnvironment.adminPassword());
        AuthenticationPage page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        List<String> groupsBefore = page.localGroups();
        assertFalse(groupsBefore.contains("Security Team"), groupsBefore.toString());
        page.addLocalGroup("   ", "Reads the audit log");
        assertEquals("A group needs a name.", page.errorText());
        assertEquals(groupsBefore, page.localGroups(), "nothing was created");
        page.addLocalGroup("Security Team", "Reads the audit log");
        page.addLocalGroup("SECURITY TEAM", null);
        assertEquals("A local group named 'SECURITY TEAM' already exists.", page.errorText());
        List<String> withTeam = new java.util.ArrayList<>(groupsBefore);
        withTeam.add("Security Team");
        assertEquals(withTeam.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(),
                page.localGroups().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
        page.addLocalAccount("sam", "Sam Sample", SAM_PASSWORD);
        page.addMember("Security Team", "nobody-by-this-name");
        assertEquals("There is no local account named 'nobody-by-this-name'.", page.errorText());
        assertEquals(List.of(), page.members("Security Team"));
        page.addMember("Security Team", "sam");
        assertEquals(List.of("sam"), page.members("Security Team"));

        RolesPage roles = open("admin/settings/roles.xhtml", RolesPage.class);
        assertEquals(List.of("Security Team (Group, Local accounts)"), roles.search("security"));
        roles.grant("AUDITOR", "Security Team");
        assertTrue(roles.grants().contains("Auditor: Security Team"), roles.grants().toString());
        browser.driver().manage().deleteAllCookies();

        signIn("sam", SAM_PASSWORD);
        HomePage home = browser.on(HomePage.class);
        assertEquals("Auditor", home.roles());
        assertTrue(home.showsAudit());
        browser.driver().manage().deleteAllCookies();

        signIn("admin", TestEnvironment.adminPassword());
        page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        page.removeMember("Security Team", "sam");
        assertEquals(List.of(), page.members("Security Team"));
        browser.driver().manage().deleteAllCookies();

        assertEquals("Your account has no role in AMS. Ask an administrator.",
                attemptSignIn("sam", SAM_PASSWORD).errorText());

        signIn("admin", TestEnvironment.adminPassword());
        page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        page.deleteGroup("Security Team");
        assertEquals(groupsBefore, page.localGroups());
        roles = open("admin/settings/roles.xhtml", RolesPage.class);
        assertFalse(roles.grants().contains("Auditor: Security Team"), "the group's grants went with it");
    }

    @Test
    @Order(13)
    @DisplayName("The administrator sets how long a session lasts after its sign-in; bad values change nothing")
    void sessionLimit() {
        signIn("admin", TestEnvironment.adminPassword());
        AuthenticationPage page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        String before = page.sessionLimit();
        assertEquals("600", before, "a working day until someone changes it");

        page.saveSessionLimit("4");
        assertEquals("A session may last between 5 and 10080 minutes (7 days) after its sign-in; 4 is not.",
                page.errorText());
        page.saveSessionLimit("10081");
        assertEquals("A session may last between 5 and 10080 minutes (7 days) after its sign-in; 10081 is not.",
                page.errorText());
        page.saveSessionLimit("ten hours");
        assertEquals("The time is a whole number of minutes.", page.errorText());
        page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        assertEquals(before, page.sessionLimit(), "nothing was saved");

        page.saveSessionLimit("480");
        assertEquals("A console session now ends 8 hours after its sign-in. Sessions signed in longer ago than that "
                + "end at their next request.", page.infoText());
        page = open("admin/settings/authentication.xhtml", AuthenticationPage.class);
        assertEquals("480", page.sessionLimit());
        assertEquals("admin", browser.on(HomePage.class).signedInUser(), "a session minutes old goes on");

        page.saveSessionLimit(before);
        assertEquals(before, open("admin/settings/authentication.xhtml", AuthenticationPage.class).sessionLimit());
    }

    /** Signs in from a fresh login page and waits until the answer has replaced it. */
    private LoginPage attemptSignIn(String user, String password) {
        LoginPage login = browser.open(base + "login.xhtml", LoginPage.class);
        submit(() -> login.signIn(user, password));
        return browser.on(LoginPage.class);
    }

    /** Does something that loads a new page, and waits until the old one is gone, not just until it is complete. */
    private void submit(Runnable action) {
        WebElement old = browser.driver().findElement(By.tagName("html"));
        action.run();
        browser.waitUntilGone(old);
    }

    private void signIn(String user, String password) {
        attemptSignIn(user, password);
        assertTrue(browser.currentPath().equals("/") || browser.currentPath().endsWith("/index.xhtml"),
                () -> user + " could not sign in: " + browser.currentPath() + " says '"
                        + browser.on(LoginPage.class).errorText() + "'\n" + browser.driver().getPageSource());
        assertEquals(user, browser.on(HomePage.class).signedInUser());
    }

    private <P> P open(String path, Class<P> page) {
        P object = browser.open(base + path, page);
        if (object instanceof AuthenticationPage) {
            ((AuthenticationPage) object).on(browser);
        } else if (object instanceof RolesPage) {
            ((RolesPage) object).on(browser);
        }
        return object;
    }

    private String sessionCookie() {
        Cookie cookie = browser.driver().manage().getCookieNamed("AMS_SESSION");
        return cookie == null ? null : cookie.getValue();
    }

    private AuthenticationPage.Directory corpDirectory() {
        return AuthenticationPage.Directory.of(DIRECTORY, directory);
    }
}
