package org.ams.it.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** The page a signed-in user lands on, with the session bar every page carries. */
public class HomePage {

    private final WebDriver driver;

    @FindBy(id = "signed-in-user")
    private WebElement signedInUser;

    @FindBy(id = "roles")
    private WebElement roles;

    @FindBy(id = "session:signOut")
    private WebElement signOut;

    @FindBy(id = "request-access-link")
    private WebElement requestAccessLink;

    @FindBy(id = "helpdesk-section")
    private java.util.List<WebElement> helpdeskSection;

    @FindBy(id = "auditor-section")
    private java.util.List<WebElement> auditorSection;

    @FindBy(id = "administrator-section")
    private java.util.List<WebElement> administratorSection;

    /** Made by {@code PageFactory}, which hands the driver to a constructor that takes one. */
    public HomePage(WebDriver driver) {
        this.driver = driver;
    }

    public String signedInUser() {
        return signedInUser.getText();
    }

    public String roles() {
        return roles.getText();
    }

    public String helpdeskSection() {
        return helpdeskSection.isEmpty() ? "" : helpdeskSection.get(0).getText();
    }

    /** Follows the Helpdesk section's link to the Request access page. */
    public void openRequestAccess() {
        NavigatingClick.click(requestAccessLink);
    }

    public boolean showsAudit() {
        return !auditorSection.isEmpty();
    }

    public boolean showsAdministration() {
        return !administratorSection.isEmpty();
    }

    public void signOut() {
        SubmittedPage.submit(driver, signOut);
    }
}
