package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code admin/settings/authentication.xhtml}: identity sources, local accounts and local groups. */
public class AuthenticationPage {

    private Browser browser;

    @FindBy(id = "sources:add")
    private WebElement add;

    @FindBy(css = "#sources\\:table .directory-name")
    private List<WebElement> directoryNames;

    @FindBy(css = "#sources\\:table .directory-state")
    private List<WebElement> directoryStates;

    @FindBy(css = ".ui-messages-error")
    private List<WebElement> errors;

    @FindBy(css = ".ui-messages-info")
    private List<WebElement> infos;

    public AuthenticationPage on(Browser current) {
        this.browser = current;
        return this;
    }

    /** The directory form's fields, by the ids the page gives them. */
    public static final class Directory {
        public String name;
        public String url;
        public String security;
        public String certificates;
        public String bindDn;
        public String bindPassword;
        public String userBase;
        public String groupBase;
        public String userAttribute;
        public String membership;
        public String stableId;

        /** The test directory as an administrator connects it: StartTLS, its certificate pasted in, nested groups. */
        public static Directory of(String name, org.ams.identity.testing.TestDirectory directory) {
            Directory settings = new Directory();
            settings.name = name;
            settings.url = directory.url();
            settings.security = "STARTTLS";
            settings.certificates = directory.certificatePem();
            settings.bindDn = org.ams.identity.testing.TestDirectory.BIND_DN;
            settings.bindPassword = org.ams.identity.testing.TestDirectory.BIND_PASSWORD;
            settings.userBase = org.ams.identity.testing.TestDirectory.USER_BASE;
            settings.groupBase = org.ams.identity.testing.TestDirectory.GROUP_BASE;
            settings.userAttribute = "sAMAccountName";
            settings.membership = "MEMBER_WALK";
            settings.stableId = "ENTRY_UUID";
            return settings;
        }
    }

    public void startAdding() {
        add.click();
        browser.waitForPage();
    }

    public void fill(Directory directory) {
        browser.fill("editor:name", directory.name);
        browser.fill("editor:url", directory.url);
        select("securityMenu", directory.security);
        browser.fill("editor:certificates", directory.certificates);
        browser.fill("editor:bindDn", directory.bindDn);
        browser.fill("editor:bindPassword", directory.bindPassword);
        browser.fill("editor:userBase", directory.userBase);
        browser.fill("editor:groupBase", directory.groupBase);
        browser.fill("editor:userAttribute", directory.userAttribute);
        select("membershipMenu", directory.membership);
        select("stableIdMenu", directory.stableId);
    }

    public String testConnection() {
        click("editor:test");
        List<WebElement> outcome = browser.driver().findElements(By.cssSelector("#editor\\:testOutcome > div"));
        return outcome.isEmpty() ? "" : outcome.get(0).getText().strip();
    }

    public void save() {
        click("editor:save");
    }

    public void addLocalAccount(String username, String displayName, String password) {
        browser.fill("accounts:newUsername", username);
        browser.fill("accounts:newDisplayName", displayName);
        browser.fill("accounts:newPassword", password);
        click("accounts:addAccount");
    }

    public List<String> localAccounts() {
        return browser.driver().findElements(By.cssSelector("#accounts\\:table .account-name")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
    }

    /** The email address the account's row shows, empty for none. */
    public String email(String username) {
        return accountRow(username).findElement(By.cssSelector(".account-email")).getText();
    }

    /** Presses Email... on the account's row, types the address and presses Save email. */
    public void changeEmail(String username, String address) {
        click(accountRow(username).findElement(By.cssSelector("button[id$=':email']")));
        WebElement field = accountRow(username).findElement(By.cssSelector("input[id$=':accountEmail']"));
        Browser.fill(browser.driver(), field, address);
        click(accountRow(username).findElement(By.cssSelector("button[id$=':saveEmail']")));
    }

    private WebElement accountRow(String username) {
        return browser.driver().findElements(By.cssSelector("#accounts\\:table tbody tr")).stream()
                .filter(row -> row.findElements(By.cssSelector(".account-name")).stream()
                        .anyMatch(name -> name.getText().equals(username)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no local account " + username));
    }

    public void addLocalGroup(String name, String description) {
        browser.fill("groups:newGroupName", name);
        browser.fill("groups:newGroupDescription", description);
        click("groups:addGroup");
    }

    public List<String> localGroups() {
        return browser.driver().findElements(By.cssSelector("#groups\\:table .group-name")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
    }

    /** The user names of the group's members, as its row lists them. */
    public List<String> members(String group) {
        return groupRow(group).findElements(By.cssSelector(".member-name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** Types the user name into the group's row and presses Add member. */
    public void addMember(String group, String username) {
        WebElement field = groupRow(group).findElement(By.cssSelector("input[id$=':memberName']"));
        Browser.fill(browser.driver(), field, username);
        click(groupRow(group).findElement(By.cssSelector("button[id$=':addMember']")));
    }

    public void removeMember(String group, String username) {
        WebElement member = groupRow(group).findElements(By.cssSelector(".group-member")).stream()
                .filter(candidate -> candidate.findElement(By.cssSelector(".member-name")).getText().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError(username + " is not listed in " + group));
        click(member.findElement(By.cssSelector("button")));
    }

    /** Presses Delete on the group's row and answers Yes to the confirmation. */
    public void deleteGroup(String group) {
        groupRow(group).findElement(By.cssSelector("button[id$=':deleteGroup']")).click();
        browser.waitUntil(driver -> driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).isDisplayed());
        browser.clickWhenReady(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitForPage();
    }

    private WebElement groupRow(String group) {
        return browser.driver().findElements(By.cssSelector("#groups\\:table tbody tr")).stream()
                .filter(row -> row.findElements(By.cssSelector(".group-name")).stream()
                        .anyMatch(name -> name.getText().equals(group)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no local group " + group));
    }

    public List<String> directories() {
        return directoryNames.stream().map(WebElement::getText).collect(Collectors.toList());
    }

    public List<String> directoryStates() {
        return directoryStates.stream().map(WebElement::getText).collect(Collectors.toList());
    }

    /** What "End every session after (minutes)" shows. */
    public String sessionLimit() {
        return browser.driver().findElement(By.id("sessionLimit:minutes")).getAttribute("value");
    }

    /** Types the minutes after which every session ends and saves them. */
    public void saveSessionLimit(String minutes) {
        browser.fill("sessionLimit:minutes", minutes);
        click("sessionLimit:save");
    }

    public String errorText() {
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public String infoText() {
        return infos.isEmpty() ? "" : infos.get(0).getText();
    }

    private void select(String widgetVar, String value) {
        if (value != null) {
            ((JavascriptExecutor) browser.driver()).executeScript("PF(arguments[0]).selectValue(arguments[1]);",
                    widgetVar, value);
        }
    }

    private void click(String id) {
        click(browser.driver().findElement(By.id(id)));
    }

    private void click(WebElement button) {
        button.click();
        browser.waitForPage();
    }
}
