package org.ams.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Settings / User interface: the reason, the help text for denials, and hiding recovery passwords until Show. */
public final class UserInterfacePage extends PageObject {

    public static final String PATH = "admin/settings/user-interface.xhtml";

    public UserInterfacePage(Browser browser) {
        super(browser);
    }

    /** The label of the check box that hides each recovery password until Show. */
    public String hidePasswordsLabel() {
        return browser.driver().findElement(By.cssSelector("#ui\\:hidePasswords .ui-chkbox-label")).getText().strip();
    }

    public boolean hidePasswords() {
        return browser.driver().findElement(By.id("ui:hidePasswords_input")).isSelected();
    }

    public UserInterfacePage hidePasswords(boolean on) {
        WebElement box = browser.driver().findElement(By.id("ui:hidePasswords_input"));
        if (box.isSelected() != on) {
            browser.driver().findElement(By.cssSelector("#ui\\:hidePasswords .ui-chkbox-box")).click();
        }
        return this;
    }

    public UserInterfacePage save() {
        click(browser.driver().findElement(By.id("ui:save")));
        return this;
    }
}
