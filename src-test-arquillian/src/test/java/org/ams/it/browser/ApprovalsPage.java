package org.ams.it.browser;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code /approvals/approvals.xhtml}: the requests waiting for the signed-in approver's decision. */
public final class ApprovalsPage extends PageObject {

    public static final String PATH = "approvals/approvals.xhtml";

    public ApprovalsPage(Browser browser) {
        super(browser);
    }

    /** One waiting request as the page shows it. */
    public record Pending(String computer, String requester, String reason, String rule, String progress,
                          boolean linked, List<String> recentComputers) {
    }

    public List<Pending> pending() {
        return requests().stream().map(request -> new Pending(cell(request, "approval-computer"),
                        cell(request, "approval-requester"), cell(request, "approval-reason"),
                        cell(request, "approval-rule"), cell(request, "approval-progress"),
                        request.getAttribute("class").contains("ams-approval-linked"),
                        request.findElements(By.cssSelector(".recent-request td:nth-child(2)")).stream()
                                .map(WebElement::getText).collect(Collectors.toList())))
                .collect(Collectors.toList());
    }

    /** Types a comment for the request at this position and presses Approve. */
    public void approve(int index, String comment) {
        decide(index, comment, ".approve-button");
    }

    public void reject(int index, String comment) {
        decide(index, comment, ".reject-button");
    }

    private void decide(int index, String comment, String button) {
        WebElement request = requests().get(index);
        WebElement field = request.findElement(By.cssSelector("textarea"));
        Browser.fill(browser.driver(), field, comment);
        click(request.findElement(By.cssSelector(button)));
    }

    /** Whether the page says that nothing waits for the user. */
    public boolean showsNone() {
        return !browser.driver().findElements(By.id("approvals:none")).isEmpty();
    }

    private List<WebElement> requests() {
        return browser.driver().findElements(By.cssSelector(".ams-approval"));
    }
}
