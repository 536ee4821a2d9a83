package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ams.identity.oidc.OidcFailure;
import org.ams.it.browser.ApprovalsPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.EffectiveAccessPage;
import org.ams.it.browser.HomePage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.RecoverPage;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.Viewport;
import org.ams.it.server.KeycloakServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The client side of {@link OidcSignInIT}: Keycloak's process and the browser, which signs in on Keycloak's own sign-in
 * page. Kept apart from the test class, which the server loads too.
 */
final class OidcSignInClient {

    static final String PROVIDER_REFUSED = OidcFailure.PROVIDER_REFUSED.sentence();
    static final String MISSING_USERNAME = OidcFailure.MISSING_USERNAME.sentence();
    static final String PROVIDER_DOWN = OidcFailure.PROVIDER_DOWN.sentence();
    private static final String SETTINGS = "admin/settings/authentication.xhtml";
    private static final List<Dimension> CONSOLE = List.of(new Dimension(1366, 768), new Dimension(1920, 1080));

    private static KeycloakServer keycloak;
    private static Browser browser;
    private static URL base;

    private OidcSignInClient() {
    }

    static void start() throws Exception {
        keycloak = KeycloakServer.start();
    }

    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    static void at(URL server) {
        base = server;
    }

    static void administratorConfiguresTheProvider() throws Exception {
        String issuer = keycloak.issuerAt(base.getHost());
        browser = Browser.shared();
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        open(SETTINGS);

        type("provider:issuer", issuer.replace("/realms/" + KeycloakServer.REALM, "/realms/no-such-realm"));
        String wrongRealm = test(true);
        assertTrue(wrongRealm.contains("answered HTTP 404") && wrongRealm.contains("issuer URL is probably wrong"),
                wrongRealm);
        type("provider:issuer", KeycloakServer.unreachableIssuer());
        String down = test(true);
        assertTrue(down.contains("could not be fetched: nothing answers there"), down);
        type("provider:issuer", issuer + "/");
        String usable = test(false);
        assertTrue(usable.startsWith("The discovery document of " + issuer + " is usable")
                && usable.endsWith("signing out of AMS signs out at the provider too."), usable);

        type("provider:clientId", KeycloakServer.CLIENT_ID);
        type("provider:clientSecret", KeycloakServer.CLIENT_SECRET);
        type("provider:buttonLabel", OidcSignInIT.BUTTON);
        click("provider:save");
        assertTrue(infoText().contains("Identity provider saved. The sign-in page offers \"Sign in with Keycloak\"."),
                infoText());
        assertEquals(issuer, browser.driver().findElement(By.id("provider:issuer")).getAttribute("value"),
                "saved without the trailing slash");

        type("providerGroups:groupClaimValue", OidcSignInIT.HELPDESK_GROUP);
        type("providerGroups:groupDisplayName", OidcSignInIT.HELPDESK_NAME);
        click("providerGroups:nameGroup");
        assertTrue(browser.driver().findElements(By.cssSelector(".oidc-group-name")).stream()
                .anyMatch(name -> name.getText().equals(OidcSignInIT.HELPDESK_NAME)));
        screenshots("authentication-oidc");
    }

    static void ruleForTheKeycloakGroup() {
        browser = Browser.shared();
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        browser.driver().get(base + ComputerRulesPage.PATH);
        ComputerRulesPage rules = new ComputerRulesPage(browser).add().target("OIDC", "Tenant " + OidcSignInIT.TENANT)
                .description(OidcSignInIT.RULE)
                .addEntry("keycloak", OidcSignInIT.HELPDESK_NAME, true, "Read BitLocker recovery passwords")
                .doneWithPermissions().save();
        assertTrue(rules.row(OidcSignInIT.RULE).isPresent(), () -> "not saved: " + rules.errorText());
    }

    static void groupMemberReadsAndSignsOut() throws Exception {
        browser = Browser.shared();
        browser.driver().get(base + "login.xhtml");
        browser.waitForPage();
        screenshots("login-oidc");
        signInAtKeycloak(OidcSignInIT.HELPDESK_USER, OidcSignInIT.HELPDESK_PASSWORD);
        assertEquals(OidcSignInIT.HELPDESK_USER, browser.on(HomePage.class).signedInUser());

        browser.driver().get(base + RequestAccessPage.PATH);
        RequestAccessPage request = new RequestAccessPage(browser);
        request.reason("Locked out after a firmware update, ticket 4711");
        request.find(OidcSignInIT.COMPUTER);
        request.showPasswords();
        assertEquals(1, request.keys().size(), "the computer's key is listed");
        if (request.keys().get(0).showButton()) {
            request.showPassword(0);
        }
        assertEquals(OidcSignInIT.RECOVERY_PASSWORD, request.keys().get(0).password(), "the password is shown");

        browser.driver().get(base.toString());
        browser.waitForPage();
        browser.on(HomePage.class).signOut();
        browser.waitUntil(driver -> driver.getCurrentUrl().startsWith(base.toString())
                && driver.getCurrentUrl().contains("signedOut=true"));
        assertTrue(browser.on(LoginPage.class).showsSignedOut());
        // Signed out at Keycloak too: starting a sign-in asks for the password again.
        browser.driver().findElement(By.id("signInWithProvider")).click();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.driver().get(base.toString());
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("login.xhtml"));
    }

    static void otherGroupIsDenied() {
        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.SALES_USER, OidcSignInIT.SALES_PASSWORD);
        assertEquals(OidcSignInIT.SALES_USER, browser.on(HomePage.class).signedInUser());
        browser.driver().get(base + RequestAccessPage.PATH);
        RequestAccessPage request = new RequestAccessPage(browser);
        request.reason("Locked out, ticket 4712");
        request.find(OidcSignInIT.COMPUTER);
        if (browser.driver().findElements(By.id("request:show")).isEmpty()) {
            // No rule lets the sales group see the computer: it is not even found.
            assertFalse(request.errorText().isEmpty(), "the page says why nothing was found");
        } else {
            request.showPasswords();
            assertFalse(request.deniedSentence().isEmpty(), "the request is denied");
        }
        assertTrue(request.keys().isEmpty());
        assertFalse(browser.driver().getPageSource().contains(OidcSignInIT.RECOVERY_PASSWORD.substring(0, 13)));
    }

    /**
     * The administrator asks the effective-access tool about both Keycloak users: AMS cannot ask Keycloak for their
     * groups, so it explains with the groups their last sign-in brought, and says so.
     */
    static void effectiveAccessOfTheKeycloakUsers() {
        browser = Browser.shared();
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        EffectiveAccessPage.Answer alice = openEffectiveAccess().check(OidcSignInIT.HELPDESK_USER,
                OidcSignInIT.COMPUTER, "Read BitLocker recovery passwords");
        assertTrue(alice.verdict().startsWith("Granted: " + OidcSignInIT.HELPDESK_USER + " may"), alice.verdict());
        assertTrue(alice.groups().contains(OidcSignInIT.HELPDESK_NAME)
                && alice.groups().contains(" (as the token of their last sign-in listed them, "), alice.groups());
        assertTrue(alice.rules().stream().anyMatch(rule -> rule.description().equals(OidcSignInIT.RULE)
                && rule.entries().contains(OidcSignInIT.HELPDESK_NAME)), alice.rules().toString());
        EffectiveAccessPage.Answer bob = openEffectiveAccess().check(OidcSignInIT.SALES_USER, OidcSignInIT.COMPUTER,
                "Read BitLocker recovery passwords");
        assertTrue(bob.verdict().startsWith("Denied: "), bob.verdict());
        assertTrue(bob.groups().contains(OidcSignInIT.SALES_GROUP) && !bob.groups().contains(OidcSignInIT.HELPDESK_NAME)
                && bob.groups().contains(" (as the token of their last sign-in listed them, "), bob.groups());
    }

    private static EffectiveAccessPage openEffectiveAccess() {
        open(EffectiveAccessPage.PATH);
        return new EffectiveAccessPage(browser);
    }

    static void replayedAnswerIsRefused() {
        browser = Browser.shared();
        browser.driver().get(base + "oidc/callback?code=a-code-from-elsewhere&state=a-state-from-elsewhere");
        assertRefused(OidcFailure.REPLAYED.sentence());
    }

    /** Signs in at Keycloak as the helpdesk user and expects AMS to refuse with this sentence. */
    static void refusedAfterSignIn(String sentence) {
        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.HELPDESK_USER, OidcSignInIT.HELPDESK_PASSWORD);
        assertRefused(sentence);
    }

    /** Presses "Sign in with" and expects AMS to refuse before the browser leaves it. */
    static void refusedAtStart(String sentence) {
        browser = Browser.shared();
        browser.driver().get(base + "login.xhtml");
        browser.waitForPage();
        browser.driver().findElement(By.id("signInWithProvider")).click();
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("oidc="));
        assertRefused(sentence);
    }

    private static void assertRefused(String sentence) {
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("login.xhtml?oidc="));
        browser.waitForPage();
        assertEquals(sentence, browser.driver().findElement(By.id("provider-failure")).getText());
        // No session: the sign-in form is offered, and a console page sends the browser back here.
        assertFalse(browser.driver().findElements(By.id("login:username")).isEmpty());
        browser.driver().get(base.toString());
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("login.xhtml"));
    }

    /**
     * A user of the sales group, whose rules give nothing on the helpdesk page, is the computer's primary user: signed in
     * with Keycloak, they read its recovery password at /recover by the key ID the recovery screen shows.
     */
    static void keycloakUserRecoversTheirComputer() {
        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.SALES_USER, OidcSignInIT.SALES_PASSWORD);
        browser.driver().get(base + RecoverPage.PATH);
        RecoverPage page = new RecoverPage(browser);
        assertEquals(OidcSignInIT.SALES_USER, page.signedInUser());
        page = page.recover(OidcSignInIT.PROTECTOR.substring(1, 9), "Lost PIN");
        assertEquals(List.of(OidcSignInIT.RECOVERY_PASSWORD.split("-")), page.groups(), page.refusal());
        assertEquals(OidcSignInIT.COMPUTER, page.computer());
    }

    /**
     * The helpdesk user's request waits for approval; the sales user, an approver through a group of their token,
     * approves it on the Approvals page; the helpdesk user then reads the password, once.
     */
    static void keycloakGroupApproves() {
        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.HELPDESK_USER, OidcSignInIT.HELPDESK_PASSWORD);
        RequestAccessPage request = requestTheComputer("Locked out again, ticket 4713");
        assertTrue(request.waitingSentence().startsWith("Waiting for approval"), request.waitingSentence());
        assertTrue(request.keys().isEmpty());
        assertFalse(browser.driver().getPageSource().contains(OidcSignInIT.RECOVERY_PASSWORD.substring(0, 13)));

        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.SALES_USER, OidcSignInIT.SALES_PASSWORD);
        browser.driver().get(base + ApprovalsPage.PATH);
        ApprovalsPage approvals = new ApprovalsPage(browser);
        List<ApprovalsPage.Pending> pending = approvals.pending();
        int index = pending.stream().map(ApprovalsPage.Pending::requester).toList()
                .indexOf(OidcSignInIT.HELPDESK_USER);
        assertTrue(index >= 0, pending.toString());
        assertEquals(OidcSignInIT.COMPUTER, pending.get(index).computer());
        approvals.approve(index, "Called the user back, ticket 4713");
        assertTrue(approvals.infoText().startsWith("Approved: " + OidcSignInIT.HELPDESK_USER
                + " may now read the recovery passwords of " + OidcSignInIT.COMPUTER), approvals.infoText());

        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.HELPDESK_USER, OidcSignInIT.HELPDESK_PASSWORD);
        request = requestTheComputer("Locked out again, ticket 4713");
        assertEquals(1, request.keys().size(), "the approved read shows the key");
        if (request.keys().get(0).showButton()) {
            request.showPassword(0);
        }
        assertEquals(OidcSignInIT.RECOVERY_PASSWORD, request.keys().get(0).password());
    }

    private static RequestAccessPage requestTheComputer(String reason) {
        browser.driver().get(base + RequestAccessPage.PATH);
        RequestAccessPage request = new RequestAccessPage(browser);
        request.reason(reason);
        request.find(OidcSignInIT.COMPUTER);
        request.showPasswords();
        return request;
    }

    /**
     * AMS publishes its client key's public half at /oidc/jwks (what Keycloak's client reads) and the certificate for
     * Entra ID; a Keycloak user then signs in while AMS authenticates to Keycloak with a JWT signed with that key.
     */
    static void signInWithThePrivateKeyJwt() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> jwks = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "oidc/jwks")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, jwks.statusCode());
        assertTrue(jwks.body().contains("\"kty\":\"RSA\"") && jwks.body().contains("\"use\":\"sig\""),
                jwks.body());
        java.net.http.HttpResponse<String> certificate = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "oidc/client-certificate.pem")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(certificate.body().startsWith("-----BEGIN CERTIFICATE-----"), certificate.body());

        browser = Browser.shared();
        signInAtKeycloak(OidcSignInIT.HELPDESK_USER, OidcSignInIT.HELPDESK_PASSWORD);
        assertEquals(OidcSignInIT.HELPDESK_USER, browser.on(HomePage.class).signedInUser(),
                "signed in through the client that takes AMS's key: " + browser.driver().getCurrentUrl());
    }

    /** Presses "Sign in with Keycloak" and signs in on Keycloak's page; returns once the browser is back at AMS. */
    private static void signInAtKeycloak(String user, String password) {
        browser.driver().get(base + "login.xhtml");
        browser.waitForPage();
        WebElement button = browser.driver().findElement(By.id("signInWithProvider"));
        assertEquals("Sign in with " + OidcSignInIT.BUTTON, button.getText());
        button.click();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.driver().findElement(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("kc-login")).click();
        browser.waitUntil(driver -> driver.getCurrentUrl().startsWith(base.toString()));
        browser.waitForPage();
    }

    private static String test(boolean problem) {
        click("provider:test");
        String id = problem ? "provider:testProblem" : "provider:testResult";
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void click(String id) {
        browser.clickWhenReady(By.id(id));
        browser.waitForPage();
    }

    private static String infoText() {
        List<WebElement> messages = browser.driver().findElements(By.cssSelector(".ui-messages-info"));
        return messages.isEmpty() ? "" : messages.get(0).getText();
    }

    private static void open(String path) {
        browser.driver().get(base + path);
        browser.waitForPage();
    }

    private static void screenshots(String name) throws Exception {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> clipped = new ArrayList<>();
        Path directory = Files.createDirectories(TestEnvironment.work().resolveSibling("console-screenshots")
                .resolve(TestEnvironment.database()));
        try {
            for (Dimension window : CONSOLE) {
                viewport.size(window);
                ClippedContent.on(browser).forEach(clip -> clipped.add(window.width + " px: " + clip));
                viewport.screenshot(directory.resolve(name + "-" + window.width + ".png"));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(clipped.isEmpty(), String.join("\n", clipped));
    }
}
