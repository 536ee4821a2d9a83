package org.ams.it.browser;

import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** The page a signed-in user lands on, with the session bar every page carries. */
public class HomePage {

    @FindBy(id = "signed-in-user")
    private WebElement signedInUser;

    @FindBy(id = "roles")
    private WebElement roles;

    @FindBy(id = "session:signOut")
    private WebElement signOut;

    public String signedInUser() {
        return signedInUser.getText();
    }

    public String roles() {
        return roles.getText();
    }

    public void signOut() {
        signOut.click();
    }
}
