package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ams.it.browser.ApprovalsPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.RequestAccessPage;
import org.ams.it.browser.Viewport;
import org.openqa.selenium.Dimension;

/**
 * The client side of {@link ApprovalsPageIT}: the requester's browser (a second one, so both stay signed in) and the
 * approver's (the test JVM's shared one). Kept apart from the test class, which the server loads too.
 */
final class ApprovalsPageClient {

    private static final Pattern LINK = Pattern.compile("/(approvals/approvals\\.xhtml\\?request=[0-9a-f-]{36})");
    private static final String REASON = "User locked out after a firmware update, ticket 8812";

    private ApprovalsPageClient() {
    }

    static void approveThenReadOnce(URL base, int hook) throws Exception {
        Browser approverBrowser = Browser.shared();
        try (Browser requesterBrowser = Browser.start()) {
            // The requester asks and is told to wait; nothing of the password is on the page.
            RequestAccessPage request = requestAccess(requesterBrowser, base);
            request.showPasswords();
            assertTrue(request.waitingSentence().startsWith("Waiting for approval"), request.waitingSentence());
            assertTrue(request.keys().isEmpty());
            assertFalse(requesterBrowser.driver().getPageSource().contains(
                    ApprovalsPageIT.RECOVERY_PASSWORD.substring(0, 13)), "no password while waiting");
            assertEquals(List.of("Waiting for approval (0 of 1)"), request.ownApprovalStatuses());

            // The approver's email names the requester and the computer and links to the request, never a password.
            MimeMessage mail = NotificationListeners.awaitMail("Approval requested: " + ApprovalsPageIT.REQUESTER,
                    Duration.ofSeconds(60));
            String body = NotificationListeners.body(mail);
            assertTrue(mail.getSubject().contains(ApprovalsPageIT.COMPUTER), mail.getSubject());
            assertFalse(body.contains(ApprovalsPageIT.RECOVERY_PASSWORD.substring(0, 13)), "no password in the mail");
            Matcher link = LINK.matcher(body);
            assertTrue(link.find(), "the email links to the request on the Approvals page");

            LoginPage.signInAfresh(approverBrowser, base, ApprovalsPageIT.APPROVER, ApprovalsPageIT.PASSWORD_OF_USERS);
            assertTrue(new Menu(approverBrowser).entries().contains("Approvals"), "approvers find the page in the menu");
            approverBrowser.driver().get(base + link.group(1));
            ApprovalsPage approvals = new ApprovalsPage(approverBrowser);
            ApprovalsPage.Pending pending = approvals.pending().get(0);
            assertEquals(new ApprovalsPage.Pending(ApprovalsPageIT.COMPUTER, ApprovalsPageIT.REQUESTER, REASON,
                    ApprovalsPageIT.RULE, "0 of 1 approval; readable for 60 minutes after approval, one read", true,
                    List.of(ApprovalsPageIT.COMPUTER)), pending);
            approvals.approve(0, ApprovalsPageIT.COMMENT);
            assertTrue(approvals.infoText().startsWith("Approved: " + ApprovalsPageIT.REQUESTER
                    + " may now read the recovery passwords of " + ApprovalsPageIT.COMPUTER), approvals.infoText());
            assertTrue(approvals.showsNone());

            // The requester is told by email, to their own address alone, with a link to their page, never a password.
            MimeMessage told = NotificationListeners.awaitMail("Approved: your request for the recovery passwords of "
                    + ApprovalsPageIT.COMPUTER, Duration.ofSeconds(60));
            assertEquals(List.of(ApprovalsPageIT.REQUESTER_EMAIL), Stream.of(told.getAllRecipients())
                    .map(Object::toString).toList());
            assertTrue(told.getSubject().contains("(one read); read it at "), told.getSubject());
            assertRequesterLink(NotificationListeners.body(told));
            // The webhook hears of the request and of the approval, each with its link, never a password.
            assertTrue(LINK.matcher(awaitEvent(hook, "approval-requested")).find(), "links to the Approvals page");
            assertRequesterLink(awaitEvent(hook, "access-request-approved"));

            // The requester comes back, reads the password once; the next read waits for approval again.
            request = open(requesterBrowser, base);
            assertTrue(request.ownApprovalStatuses().get(0).startsWith("Approved: read it until "),
                    request.ownApprovalStatuses().toString());
            request.findApproved();
            request.reason(REASON);
            request.showPasswords();
            assertTrue(request.keys().stream().anyMatch(key -> ApprovalsPageIT.RECOVERY_PASSWORD.equals(
                    key.password())), "the approved read shows the escrowed password");
            assertEquals("Approved and read", request.ownApprovalStatuses().get(0));
            request.showPasswords();
            assertTrue(request.waitingSentence().startsWith("Waiting for approval"), "the one read was used");
            assertTrue(request.keys().isEmpty());
        }
    }

    static void requesterToldOfRejection(int hook) throws Exception {
        MimeMessage told = NotificationListeners.awaitMail("Rejected by " + ApprovalsPageIT.APPROVER
                + ": your request for the recovery passwords of " + ApprovalsPageIT.COMPUTER, Duration.ofSeconds(60));
        assertEquals(List.of(ApprovalsPageIT.REQUESTER_EMAIL), Stream.of(told.getAllRecipients())
                .map(Object::toString).toList());
        assertRequesterLink(NotificationListeners.body(told));
        assertTrue(told.getSubject().contains("comment: " + ApprovalsPageIT.REJECTION), told.getSubject());
        assertRequesterLink(awaitEvent(hook, "access-request-rejected"));
    }

    /** The body of the first call the webhook listener received about the event, waiting for it up to a minute. */
    private static String awaitEvent(int hook, String event) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> body = NotificationListeners.calls(hook).stream()
                    .map(NotificationListeners.WebhookCall::body)
                    .filter(text -> text.contains("\"event\": \"" + event + "\"")).findFirst();
            if (body.isPresent()) {
                return body.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the webhook heard no " + event + " event within a minute");
    }

    /** A message to or about the requester links to their Request access page and holds no password. */
    private static void assertRequesterLink(String text) {
        assertTrue(text.contains("/helpdesk/request-access.xhtml"), "links to the requester's page: " + text);
        assertFalse(text.contains(ApprovalsPageIT.RECOVERY_PASSWORD.substring(0, 13)), "no password");
    }

    static void layout(URL base) {
        Browser browser = Browser.shared();
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> problems = new ArrayList<>();
        Path pictures = TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
        try {
            // The approver sees the request the second read made.
            LoginPage.signInAfresh(browser, base, ApprovalsPageIT.APPROVER, ApprovalsPageIT.PASSWORD_OF_USERS);
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                browser.driver().get(base + ApprovalsPage.PATH);
                assertEquals(1, new ApprovalsPage(browser).pending().size());
                ClippedContent.on(browser).forEach(clip -> problems.add("approvals at " + window.width + ": " + clip));
                viewport.screenshot(pictures.resolve("approvals-" + window.width + ".png"));
            }
            LoginPage.signInAfresh(browser, base, ApprovalsPageIT.ADMIN, ApprovalsPageIT.PASSWORD_OF_USERS);
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                browser.driver().get(base + ComputerRulesPage.PATH);
                ComputerRulesPage.Editor editor = new ComputerRulesPage(browser).edit(ApprovalsPageIT.RULE);
                assertEquals("group APX approvers", editor.approvers());
                editor.scrollToApproval();
                ClippedContent.on(browser).forEach(clip -> problems.add("rule editor at " + window.width + ": " + clip));
                viewport.screenshot(pictures.resolve("admin-authz-rule-approval-" + window.width + ".png"));
            }
            // The administrators' page where a local account's email address is set: Email... edits it in the row.
            browser.driver().get(base + "admin/settings/authentication.xhtml");
            AuthenticationPage accounts = browser.on(AuthenticationPage.class).on(browser);
            assertEquals(ApprovalsPageIT.REQUESTER_EMAIL, accounts.email(ApprovalsPageIT.REQUESTER));
            accounts.changeEmail(ApprovalsPageIT.REQUESTER, "not an address");
            assertTrue(accounts.errorText().startsWith("Type one email address"), accounts.errorText());
            accounts.changeEmail(ApprovalsPageIT.REQUESTER, ApprovalsPageIT.REQUESTER_EMAIL);
            assertEquals("Email address saved.", accounts.infoText());
            assertEquals(ApprovalsPageIT.REQUESTER_EMAIL, accounts.email(ApprovalsPageIT.REQUESTER));
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                ClippedContent.on(browser).forEach(clip -> problems.add("accounts at " + window.width + ": " + clip));
                viewport.screenshot(pictures.resolve("admin-settings-authentication-" + window.width + ".png"));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * The requester, now one of the approvers, finds nothing to decide on the Approvals page: their own request is
     * not offered to them; the other approver finds it.
     */
    static void ownRequestIsNotOffered(URL base) {
        Browser browser = Browser.shared();
        LoginPage.signInAfresh(browser, base, ApprovalsPageIT.REQUESTER, ApprovalsPageIT.PASSWORD_OF_USERS);
        browser.driver().get(base + ApprovalsPage.PATH);
        ApprovalsPage own = new ApprovalsPage(browser);
        assertTrue(own.showsNone(), "their own request is not theirs to decide: " + own.pending());

        LoginPage.signInAfresh(browser, base, ApprovalsPageIT.APPROVER, ApprovalsPageIT.PASSWORD_OF_USERS);
        browser.driver().get(base + ApprovalsPage.PATH);
        List<ApprovalsPage.Pending> pending = new ApprovalsPage(browser).pending();
        assertEquals(List.of(ApprovalsPageIT.REQUESTER), pending.stream().map(ApprovalsPage.Pending::requester)
                .toList());
    }

    /** The request nobody approved in time: the requester's list says so, and no approver is offered it. */
    static void expiredInTheBrowser(URL base) {
        Browser browser = Browser.shared();
        LoginPage.signInAfresh(browser, base, ApprovalsPageIT.REQUESTER, ApprovalsPageIT.PASSWORD_OF_USERS);
        RequestAccessPage request = open(browser, base);
        // Listed by when it was made: the expired request went back in time, behind the two decided earlier.
        assertEquals(List.of("Rejected by " + ApprovalsPageIT.APPROVER + ": " + ApprovalsPageIT.REJECTION,
                "Approved and read", "Expired: nobody approved it in time"), request.ownApprovalStatuses());

        LoginPage.signInAfresh(browser, base, ApprovalsPageIT.APPROVER, ApprovalsPageIT.PASSWORD_OF_USERS);
        browser.driver().get(base + ApprovalsPage.PATH);
        ApprovalsPage approvals = new ApprovalsPage(browser);
        assertTrue(approvals.showsNone(), "an expired request is nobody's to decide: " + approvals.pending());
    }

    /** An approval for unlimited reads: Find and Show twice within its window, the password both times. */
    static void readTwiceWithinTheWindow(URL base) {
        Browser browser = Browser.shared();
        for (int read = 1; read <= 2; read++) {
            RequestAccessPage request = requestAccess(browser, base);
            request.showPasswords();
            assertTrue(request.keys().stream().anyMatch(key -> ApprovalsPageIT.RECOVERY_PASSWORD.equals(
                    key.password())), "read " + read + " within the window shows the password");
        }
    }

    /** The window passed: the requester's list says so, and Show makes a new request that waits. */
    static void refusedAfterTheWindow(URL base) {
        Browser browser = Browser.shared();
        RequestAccessPage request = requestAccess(browser, base);
        assertTrue(request.ownApprovalStatuses().stream().anyMatch(status -> status.startsWith(
                "Approved; the time to read it ended ")), request.ownApprovalStatuses().toString());
        request.showPasswords();
        assertTrue(request.waitingSentence().startsWith("Waiting for approval"), request.waitingSentence());
        assertTrue(request.keys().isEmpty());
        assertFalse(browser.driver().getPageSource().contains(ApprovalsPageIT.RECOVERY_PASSWORD.substring(0, 13)),
                "no password after the window");
    }

    private static RequestAccessPage requestAccess(Browser browser, URL base) {
        LoginPage.signInAfresh(browser, base, ApprovalsPageIT.REQUESTER, ApprovalsPageIT.PASSWORD_OF_USERS);
        RequestAccessPage page = open(browser, base);
        page.reason(REASON);
        page.find(ApprovalsPageIT.COMPUTER);
        return page;
    }

    private static RequestAccessPage open(Browser browser, URL base) {
        browser.driver().get(base + RequestAccessPage.PATH);
        return new RequestAccessPage(browser);
    }
}
