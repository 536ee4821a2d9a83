package org.ams.it.browser;

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

    public String heading() {
        return heading.getText();
    }

    public void signIn(String user, String secret) {
        username.clear();
        username.sendKeys(user);
        password.clear();
        password.sendKeys(secret);
        SubmittedPage.submit(driver, signIn);
    }

    public String errorText() {
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public boolean showsSignedOut() {
        return !signedOutNotice.isEmpty() && signedOutNotice.get(0).isDisplayed();
    }
}
