package org.ams.it.browser;

import java.net.URL;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code /login.xhtml}. */
public class LoginPage {

    private final WebDriver driver;

    @FindBy(css = "h1")
    private WebElement heading;

    @FindBy(id = "login:username")
    private WebElement username;

    @FindBy(id = "login:password")
    private WebElement password;

    @FindBy(id = "login:signIn")
    private WebElement signIn;

    @FindBy(css = ".ui-messages-error")
    private java.util.List<WebElement> errors;

    @FindBy(id = "signed-out")
    private java.util.List<WebElement> signedOutNotice;

    /** Made by {@code PageFactory}, which hands the driver to a constructor that takes one. */
    public LoginPage(WebDriver driver) {
        this.driver = driver;
    }

    /**
     * Signs in afresh: the browser's cookies (another user's session) are dropped first, and this returns once the
     * browser has left the sign-in page and the console names the user as signed in.
     *
     * @throws AssertionError when the console names someone else (or no one)
     */
    public static void signInAfresh(Browser browser, URL base, String user, String secret) {
        browser.driver().manage().deleteAllCookies();
        browser.open(base + "login.xhtml", LoginPage.class).signIn(user, secret);
        // Waits for the address to leave the sign-in page rather than for the old page's node to go stale: asking
        // ChromeDriver about a node of a page it has left can fail with "does not belong to the document".
        try {
            browser.waitUntil(driver -> !browser.currentPath().endsWith("login.xhtml"));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Says what the sign-in page answered (an error, the signed-out notice, or nothing: a view that expired),
            // so that a failure here can be told from a slow server.
            LoginPage answer = browser.on(LoginPage.class);
            throw new AssertionError("signing in as " + user + " stayed on the sign-in page; it says '"
                    + answer.errorText() + "'" + (answer.showsSignedOut() ? " and shows the signed-out notice" : "")
                    + "; the browser's session cookie is " + (browser.driver().manage()
                    .getCookieNamed("AMS_SESSION") == null ? "absent" : "present"), e);
        }
        String signedIn = browser.on(HomePage.class).signedInUser();
        if (!user.equals(signedIn)) {
            throw new AssertionError("signed in as " + user + ", but the console names '" + signedIn + "'");
        }
    }

    public String heading() {
        return heading.getText();
    }

    public void signIn(String user, String secret) {
        Browser.fill(driver, username, user);
        Browser.fill(driver, password, secret);
        SubmittedPage.submit(driver, signIn);
    }

    public String errorText() {
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public boolean showsSignedOut() {
        return !signedOutNotice.isEmpty() && signedOutNotice.get(0).isDisplayed();
    }
}
