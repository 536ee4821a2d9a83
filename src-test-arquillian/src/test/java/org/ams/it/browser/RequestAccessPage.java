package org.ams.it.browser;

import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** {@code /helpdesk/request-access.xhtml}: finding a computer, the reason, and the recovery passwords answer. */
public final class RequestAccessPage extends PageObject {

    public static final String PATH = "helpdesk/request-access.xhtml";
    /** The parts of a key's password, by the names {@link Key#displayedSecret()} gives them, and where they are. */
    private static final Map<String, String> SECRET_PARTS = secretParts();

    public RequestAccessPage(Browser browser) {
        super(browser);
    }

    /** A computer offered to choose from. */
    public record Candidate(String name, String dnsName, String directory, String lastCheckIn, String protectors) {
    }

    /**
     * One key protector of the answer. {@link #toString()} leaves the password out, so that a failing assertion
     * never prints one.
     *
     * @param password        the digits as displayed, "" while they are hidden
     * @param lookedUpLabel   the label marking the key whose ID was looked up, "" on the other keys
     * @param displayedSecret which parts of the password the page displays: "digits", "Copy", "reading" (its button)
     *                        and "QR code", in that order; none while the password is hidden
     * @param showButton      whether a "Show password" button is displayed for this key
     * @param lifecycle       the sentence on who was shown the key and what replaces it; empty when there is none
     */
    public record Key(String keyId, String protectorId, String mountPoint, String driveType, String escrowedAt,
                      boolean current, String password, boolean hasQrCode, boolean lookedUp, String lookedUpLabel,
                      List<String> displayedSecret, boolean showButton, String lifecycle) {
        @Override
        public String toString() {
            return "Key[" + keyId + " " + protectorId + " " + mountPoint + " " + driveType + " current=" + current
                    + " lookedUp=" + lookedUp + " password length " + (password == null ? 0 : password.length())
                    + " displayed " + displayedSecret + " showButton=" + showButton + "]";
        }
    }

    public String heading() {
        return browser.driver().findElement(By.cssSelector("h1")).getText();
    }

    public String reasonLabel() {
        List<WebElement> label = browser.driver().findElements(By.id("request:reasonLabel"));
        return label.isEmpty() ? "" : label.get(0).getText().strip();
    }

    /** Types into the name field and returns the suggestions the page offers. */
    public List<String> suggestions(String typed) {
        type("request:computer_input", typed);
        By items = By.cssSelector("#request\\:computer_panel li.ui-autocomplete-item");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(items));
        browser.waitForPage();
        return browser.driver().findElements(items).stream().map(WebElement::getText).map(String::strip)
                .collect(Collectors.toList());
    }

    /** Types part of a name and picks a suggestion, which finds the computers of that name. */
    public void pickSuggestion(String typed, String name) {
        browser.pickSuggestion("request:computer", typed, name);
        browser.waitForPage();
    }

    /**
     * Opens the page at {@code base}, finds {@code computer} and types {@code reason}: a request ready to be sent with
     * {@link #showPasswords()}. Fails when the page did not choose that computer.
     */
    public static RequestAccessPage readyToAsk(Browser browser, URL base, String computer, String reason) {
        browser.driver().get(base + PATH);
        browser.waitForPage();
        RequestAccessPage request = new RequestAccessPage(browser);
        request.find(computer);
        if (!computer.equals(request.chosenComputer())) {
            throw new AssertionError("the request page did not choose " + computer + ": " + request.errorText());
        }
        request.reason(reason);
        return request;
    }

    /** Puts the whole name in the field (as a paste would, without suggestions) and presses Find. */
    public void find(String name) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('request:computer_input').value = arguments[0];", name);
        click(browser.driver().findElement(By.id("request:find")));
    }

    /** Puts the whole name in the field (as a paste would) and presses Enter in it. */
    public void findWithEnter(String name) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('request:computer_input').value = arguments[0];", name);
        browser.driver().findElement(By.id("request:computer_input")).sendKeys(Keys.ENTER);
        browser.waitForPage();
    }

    public void lookUp(String keyId) {
        type("request:keyId", keyId);
        click(browser.driver().findElement(By.id("request:lookUp")));
    }

    /** Types the key ID and presses Enter in its field. */
    public void lookUpWithEnter(String keyId) {
        type("request:keyId", keyId);
        browser.driver().findElement(By.id("request:keyId")).sendKeys(Keys.ENTER);
        browser.waitForPage();
    }

    public void reason(String reason) {
        type("request:reason", reason);
    }

    /** What the reason field holds now. */
    public String reasonText() {
        return value("request:reason");
    }

    /** What the computer name field holds now. */
    public String computerText() {
        return value("request:computer_input");
    }

    /** What the recovery key ID field holds now. */
    public String keyIdText() {
        return value("request:keyId");
    }

    /** The ids of the form's labelled fields in the order the page shows them. */
    public List<String> fieldOrder() {
        return browser.driver().findElements(By.cssSelector("#request .ams-form-grid label")).stream()
                .map(label -> label.getAttribute("for")).collect(Collectors.toList());
    }

    /** "Choose another computer". */
    public void chooseAnother() {
        click(browser.driver().findElement(By.id("request:another")));
    }

    public List<Candidate> candidates() {
        return browser.table("tr.candidate", ".name", ".dns-name", ".directory", ".last-check-in", ".protectors")
                .stream().map(cells -> new Candidate(cells.get(0), cells.get(1), cells.get(2), cells.get(3),
                        cells.get(4)))
                .collect(Collectors.toList());
    }

    public String choicesHint() {
        List<WebElement> hint = browser.driver().findElements(By.id("choicesHint"));
        return hint.isEmpty() ? "" : hint.get(0).getText().strip();
    }

    /** Chooses the listed computer in this directory ("tenant / directory"). */
    public void choose(String directory) {
        WebElement row = browser.rowWhere("tr.candidate", ".directory", directory)
                .orElseThrow(() -> new AssertionError("no candidate in " + directory + ": " + candidates()));
        click(row.findElement(By.cssSelector(".pick-button")));
    }

    /** The chosen computer's name, or "" when none is chosen. */
    public String chosenComputer() {
        return text("request:chosenName");
    }

    public String chosenDirectory() {
        return text("request:chosenDirectory");
    }

    public String chosenProtectors() {
        return text("request:chosenProtectors");
    }

    /** "Show recovery passwords": a full POST whose response is the answer. */
    public void showPasswords() {
        // A full post: the page that answers replaces this one, which may already show an answer (a second request
        // from the same page), so the wait for an answer starts once this page is gone.
        WebElement before = browser.driver().findElement(By.tagName("html"));
        NavigatingClick.click(browser.driver().findElement(By.id("request:show")));
        browser.waitUntilGone(before);
        browser.waitUntil(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("passwords")),
                ExpectedConditions.presenceOfElementLocated(By.id("denied")),
                ExpectedConditions.presenceOfElementLocated(By.id("waiting")),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error"))));
        browser.waitForPage();
    }

    /** The sentence of the answer that the request waits for approval, "" when the answer is another. */
    public String waitingSentence() {
        return text("waitingSentence");
    }

    /** The status of each of the user's own requests that need approval, newest first. */
    public List<String> ownApprovalStatuses() {
        return browser.driver().findElements(By.cssSelector(".own-status")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** Presses Find on the user's approved request that may be read now: its computer is looked for by name. */
    public void findApproved() {
        click(browser.driver().findElement(By.cssSelector(".own-find-button")));
    }

    public String deniedSentence() {
        return text("deniedSentence");
    }

    public String deniedHelp() {
        return text("deniedHelp");
    }

    public String lookupDenied() {
        return text("request:lookupDeniedSentence");
    }

    public String lookupHelp() {
        return text("request:lookupDeniedHelp");
    }

    public String passwordsComputer() {
        return text("passwordsComputer");
    }

    public String grantingRule() {
        return text("grantingRule");
    }

    public String noKeys() {
        return text("noKeys");
    }

    /** The text of the notice saying that each password is hidden until Show password, "" without it. */
    public String hiddenHint() {
        return text("hiddenHint");
    }

    /** The audit record's number a denial names ("Request N in the audit log."), "" when none is shown. */
    public String deniedRequestNumber() {
        List<WebElement> hints = browser.driver().findElements(By.cssSelector("#denied .ams-hint"));
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("Request (\\d+) in the audit log\\.")
                .matcher(hints.isEmpty() ? "" : hints.get(0).getText());
        return number.find() ? number.group(1) : "";
    }

    /** The audit record's number of the request answered, as the page shows it. */
    public String requestNumber() {
        return text("requestNumber");
    }

    public List<Key> keys() {
        return browser.driver().findElements(By.cssSelector("article.ams-key")).stream()
                .map(key -> new Key(key.getAttribute("data-key-id"), key.getAttribute("data-protector-id"),
                        cell(key, "mount-point").replace(cell(key, "drive-type"), "").strip(),
                        cell(key, "drive-type"), cell(key, "escrowed-at"),
                        key.getAttribute("class").contains("ams-key-current"), displayedPassword(key),
                        !key.findElements(By.cssSelector("svg.ams-qr path")).isEmpty(),
                        key.getAttribute("class").contains("ams-key-looked-up"),
                        key.findElements(By.cssSelector(".ams-looked-up-label")).isEmpty() ? ""
                                : cell(key, "ams-looked-up-label").strip(),
                        displayedSecret(key), displayed(key, ".ams-reveal"),
                        key.findElements(By.cssSelector(".ams-key-lifecycle")).isEmpty() ? ""
                                : cell(key, "ams-key-lifecycle").strip()))
                .collect(Collectors.toList());
    }

    /**
     * Presses "Show password" on the key at this position and waits until the page displays its password or says
     * why it does not.
     */
    public void showPassword(int index) {
        WebElement key = browser.driver().findElements(By.cssSelector("article.ams-key")).get(index);
        browser.clickWhenReady(key.findElement(By.cssSelector(".ams-reveal")));
        browser.waitUntil(ExpectedConditions.or(
                ExpectedConditions.visibilityOf(key.findElement(By.cssSelector(".ams-password"))),
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-messages-error"))));
        browser.waitForPage();
    }

    /**
     * Sends what "Show password" sends, with a request number and a key ID of the caller's choosing (as a tampered
     * page could), and returns the error the page then shows, "" for none.
     */
    public String forgeReveal(String requestNumber, String keyId) {
        ((JavascriptExecutor) browser.driver()).executeScript("amsRecordReveal([{name: 'requestNumber', value: "
                + "arguments[0]}, {name: 'keyId', value: arguments[1]}]);", requestNumber, keyId);
        browser.waitForPage();
        return errorText();
    }

    private static String displayedPassword(WebElement key) {
        if (!displayed(key, ".ams-password")) {
            return "";
        }
        return key.findElements(By.cssSelector(".ams-group")).stream().map(WebElement::getText)
                .collect(Collectors.joining("-"));
    }

    private static List<String> displayedSecret(WebElement key) {
        return SECRET_PARTS.entrySet().stream().filter(part -> displayed(key, part.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    private static boolean displayed(WebElement key, String css) {
        return key.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
    }

    private static Map<String, String> secretParts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("digits", ".ams-password");
        parts.put("Copy", ".ams-copy");
        parts.put("reading", ".ams-speak");
        parts.put("QR code", ".ams-qr-box svg");
        return Collections.unmodifiableMap(parts);
    }

    /** Shows (or hides) the digit-by-digit reading of the key at this position; returns its groups' lines. */
    public List<String> toggleReading(int index) {
        WebElement key = browser.driver().findElements(By.cssSelector("article.ams-key")).get(index);
        key.findElement(By.cssSelector(".ams-speak")).click();
        WebElement spoken = key.findElement(By.cssSelector(".ams-spoken"));
        if (!spoken.isDisplayed()) {
            return List.of();
        }
        return spoken.findElements(By.cssSelector(".ams-spoken-group")).stream().map(WebElement::getText)
                .map(String::strip).collect(Collectors.toList());
    }

    /** Every {@code jakarta.faces.ViewState} value in the page. */
    public List<String> viewStates() {
        return browser.driver().findElements(By.name("jakarta.faces.ViewState")).stream()
                .map(field -> field.getAttribute("value")).collect(Collectors.toList());
    }

    /**
     * Sends the same POST the "Show recovery passwords" button sends, from the page with its session, and returns
     * what a cache would go by: status, Cache-Control, Pragma, and whether the answer holds passwords (never the
     * passwords themselves).
     */
    @SuppressWarnings("unchecked")
    public List<Object> postShowAndReadCacheHeaders() {
        return (List<Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var form = document.getElementById('request');"
                        + "var data = new URLSearchParams(new FormData(form));"
                        + "data.append('request:show', '');"
                        + "fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'})"
                        + ".then(function (r) { return r.text().then(function (t) {"
                        + "  done([r.status, r.headers.get('Cache-Control'), r.headers.get('Pragma'),"
                        + "        t.indexOf('class=\"ams-password\"') >= 0]); }); })"
                        + ".catch(function (e) { done(['failed', String(e)]); });");
    }

    private String value(String id) {
        List<WebElement> found = browser.driver().findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getAttribute("value");
    }

    private String text(String id) {
        List<WebElement> found = browser.driver().findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }
}
