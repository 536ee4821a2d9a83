package org.ams.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every page of the console a signed-in user opens, with the role that opens it: the one list that the layout and
 * accessibility checks walk. A page added under {@code ams-web/src/main/webapp} belongs here too; {@link #pagesIn}
 * finds the pages on disk so a test can tell when one is missing.
 */
public final class ConsolePages {

    /** Who opens a page: the administrator, or a user holding only the Helpdesk role. */
    public enum Visitor { ADMINISTRATOR, HELPDESK }

    /** A page by its path relative to the application. */
    public record Page(String path, Visitor visitor) {

        /** The path as a file name: {@code admin/agent/devices.xhtml} becomes {@code admin-agent-devices}. */
        public String fileName() {
            return path.replace(".xhtml", "").replace('/', '-');
        }
    }

    public static final List<Page> ALL = List.of(
            new Page("index.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/dashboard.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/agent/registration.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/agent/devices.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/agent/groups.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/agent/password-settings.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/agent/policies/windows.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/authz/computers.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/authz/effective-access.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/authentication.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/roles.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/notification-channels.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/audit-forwarding.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/rate-limits.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/user-interface.xhtml", Visitor.ADMINISTRATOR),
            new Page("admin/settings/api-tokens.xhtml", Visitor.ADMINISTRATOR),
            new Page("audit/log.xhtml", Visitor.ADMINISTRATOR),
            new Page("helpdesk/request-access.xhtml", Visitor.HELPDESK),
            new Page("approvals/approvals.xhtml", Visitor.ADMINISTRATOR));

    /**
     * Pages outside the console's layout: the sign-in page, and the self-service page {@code /recover}, a page of its
     * own without the console's menu, whose layout at 1366, 1920 and 400 pixels and accessibility RecoverPageIT checks.
     */
    private static final Set<String> NOT_CONSOLE_PAGES = Set.of("login.xhtml", "recover.xhtml");

    private ConsolePages() {
    }

    public static List<Page> of(Visitor visitor) {
        return ALL.stream().filter(page -> page.visitor() == visitor).toList();
    }

    /**
     * The console pages a web application directory holds: every {@code .xhtml} file but those under
     * {@code WEB-INF} (templates, includes, error pages) and the sign-in page.
     */
    public static Set<String> pagesIn(Path webapp) {
        try (Stream<Path> files = Files.walk(webapp)) {
            return files.filter(file -> file.toString().endsWith(".xhtml"))
                    .map(file -> webapp.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> !path.startsWith("WEB-INF/") && !NOT_CONSOLE_PAGES.contains(path))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<String> listedPaths() {
        return ALL.stream().map(Page::path).collect(Collectors.toCollection(TreeSet::new));
    }
}
