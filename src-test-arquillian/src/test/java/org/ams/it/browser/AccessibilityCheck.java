package org.ams.it.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;

/**
 * axe-core's WCAG 2.0 and 2.1 level A and AA rules run on the page the browser shows, keeping the violations of
 * impact serious or critical. Reports rule ids, target selectors and axe's summary of what fails, never the markup,
 * which could hold a secret.
 */
public final class AccessibilityCheck {

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> SERIOUS = Set.of("serious", "critical");

    /**
     * One element that fails one rule.
     *
     * @param rule axe's rule id
     * @param impact serious or critical
     * @param target the element's CSS selector as axe gives it
     * @param summary axe's sentence about what fails (for colour contrast: the colours and the ratio)
     */
    public record Violation(String rule, String impact, String target, String summary) {

        @Override
        public String toString() {
            return rule + " (" + impact + ") at " + target + ": " + summary;
        }
    }

    private AccessibilityCheck() {
    }

    public static List<Violation> seriousViolations(Browser browser) {
        return serious(new AxeBuilder().withTags(TAGS), browser);
    }

    /**
     * The same rules inside one element only, e.g. an open modal dialog: what its mask covers is not for a person to
     * read while it is open, and axe would judge the covered page's colours through the mask.
     */
    public static List<Violation> seriousViolationsIn(Browser browser, String cssSelector) {
        return serious(new AxeBuilder().withTags(TAGS).include(cssSelector), browser);
    }

    private static List<Violation> serious(AxeBuilder axe, Browser browser) {
        return axe.analyze(browser.driver()).getViolations().stream()
                .flatMap(rule -> rule.getNodes().stream().map(node -> violation(rule, node)))
                .filter(violation -> SERIOUS.contains(violation.impact()))
                .toList();
    }

    private static Violation violation(Rule rule, CheckedNode node) {
        String impact = node.getImpact() != null ? node.getImpact() : rule.getImpact();
        String summary = node.getFailureSummary() == null ? ""
                : node.getFailureSummary().replaceAll("\\s+", " ").strip();
        return new Violation(rule.getId(), impact, String.valueOf(node.getTarget()), summary);
    }
}
