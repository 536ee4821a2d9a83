package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** {@code admin/settings/authentication.xhtml}: identity sources and local accounts. */
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
    }

    public void startAdding() {
        add.click();
        browser.waitForPage();
    }

    public void fill(Directory directory) {
        type("editor:name", directory.name);
        type("editor:url", directory.url);
        select("securityMenu", directory.security);
        type("editor:certificates", directory.certificates);
        type("editor:bindDn", directory.bindDn);
        type("editor:bindPassword", directory.bindPassword);
        type("editor:userBase", directory.userBase);
        type("editor:groupBase", directory.groupBase);
        type("editor:userAttribute", directory.userAttribute);
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
        type("accounts:newUsername", username);
        type("accounts:newDisplayName", displayName);
        type("accounts:newPassword", password);
        click("accounts:addAccount");
    }

    public List<String> localAccounts() {
        return browser.driver().findElements(By.cssSelector("#accounts\\:table .account-name")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
    }

    public List<String> directories() {
        return directoryNames.stream().map(WebElement::getText).collect(Collectors.toList());
    }

    public List<String> directoryStates() {
        return directoryStates.stream().map(WebElement::getText).collect(Collectors.toList());
    }

    public String errorText() {
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public String infoText() {
        return infos.isEmpty() ? "" : infos.get(0).getText();
    }

    private void type(String id, String value) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        if (value != null) {
            field.sendKeys(value);
        }
    }

    private void select(String widgetVar, String value) {
        if (value != null) {
            ((JavascriptExecutor) browser.driver()).executeScript("PF(arguments[0]).selectValue(arguments[1]);",
                    widgetVar, value);
        }
    }

    private void click(String id) {
        browser.driver().findElement(By.id(id)).click();
        browser.waitForPage();
    }
}
