package org.ams.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ams.it.TestEnvironment;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.PageFactory;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Selenium, with nothing fetched from the network: the driver binary is the
 * distribution's, Selenium Manager is switched off, and Chromium's own background traffic is disabled.
 */
public final class Browser implements AutoCloseable {

    // Generous: a page waits this long only when something is wrong, and a loaded build machine is slow.
    private static final Duration WAIT = Duration.ofSeconds(60);
    // Selenium's default re-checks a condition every 500 ms, which a page that is ready in 20 ms pays for at every
    // step; checking often costs a script call to the local browser. -Dams.it.browser.poll-ms=N for an experiment.
    private static final Duration POLL = Duration.ofMillis(Long.getLong("ams.it.browser.poll-ms", 40));

    // One script for a whole table: Selenium's getText, which trims each line and drops hidden text, per probe.
    private static final String TABLE_SCRIPT = """
            const shown = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
            const text = e => !e || !shown(e) ? '' : e.innerText.replace(/\\u00a0/g, ' ').split('\\n')
                .map(line => line.replace(/[ \\t\\r\\f\\v]+/g, ' ').trim()).filter(line => line.length)
                .join('\\n');
            return Array.from(document.querySelectorAll(arguments[0])).map(row => arguments[1].map(probe => {
                if (probe.startsWith('?')) {
                    return String(row.querySelector(probe.substring(1)) !== null);
                }
                if (probe.startsWith('+')) {
                    const e = row.querySelector(probe.substring(1));
                    return String(e !== null && !e.disabled && !e.classList.contains('ui-state-disabled'));
                }
                return text(row.querySelector(probe));
            }));
            """;

    /*
     * Chromium's headless shell (Debian's chromium-headless-shell): the same Blink, V8 and network stack as the
     * chromium package's browser in --headless=new mode, without the browser's window and profile machinery. Measured
     * on 2026-12-06 on the idle 2-core machine, loading four console pages ten times each: 3.9-4.2 s of Chromium CPU
     * against 6.2-6.8 s for --headless=new, and browser work is the largest share of the integration tests' time.
     */
    // The binary itself, not /usr/bin/chromium-headless-shell: that is a shell script that starts the binary as its
    // child without exec, and ChromeDriver's quit stops only the process it started (the script), so every browser
    // lived on after its test, orphaned, its renderer still running the last page (seen at 5-15% of a core each).
    private static final Path HEADLESS_SHELL = Files.isExecutable(Path.of("/usr/lib/chromium/chromium-headless-shell"))
            ? Path.of("/usr/lib/chromium/chromium-headless-shell") : Path.of("/usr/bin/chromium-headless-shell");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static Browser shared;
    private static Path sharedDownloads;

    private final ChromeDriver chrome;
    private final WebDriver driver;

    private Browser(ChromeDriver chrome) {
        this.chrome = chrome;
        this.driver = BrowserProfile.decorate(chrome);
    }

    /**
     * The one browser of this test JVM, started on first use and closed when the JVM ends: starting Chromium costs
     * seconds, and the IT classes that share a server run one after another. Each call gives the caller a new
     * context: no cookies (so no session) and an empty download directory.
     */
    public static synchronized Browser shared() {
        if (shared == null) {
            try {
                sharedDownloads = Files.createTempDirectory(Files.createDirectories(TestEnvironment.work()), "downloads-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Browser started = start(sharedDownloads);
            shared = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started.chrome::quit, "shared-browser-quit"));
        }
        shared.newContext();
        org.ams.it.server.SuiteClock.browserUsed();
        return shared;
    }

    /** Where {@link #shared()}'s browser saves downloads. */
    public static synchronized Path sharedDownloads() {
        if (shared == null) {
            shared();
        }
        return sharedDownloads;
    }

    private void newContext() {
        driver.get("about:blank");
        // WebDriver's deleteAllCookies only reaches the current page's site; the DevTools call clears every site's
        // (AMS keeps nothing in the browser's storage but its session cookie).
        chrome.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        try (var files = Files.list(sharedDownloads)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Browser start() {
        return start(null);
    }

    /**
     * @param downloadDirectory where files the pages offer for download are saved without asking, or {@code null}
     */
    public static Browser start(Path downloadDirectory) {
        org.ams.it.server.SuiteClock.browserUsed();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(HEADLESS_SHELL.toFile());
        // The headless shell keeps no profile of its own: ChromeDriver gives it a temporary one and removes it at quit.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-quic", "--disable-extensions", "--window-size=1280,900",
                "--disable-features=PaintHolding,BackForwardCache,Translate,OptimizationHints,MediaRouter");
        // More switches for an experiment, e.g. -Dams.it.browser.args=--js-flags=--jitless (README, Tests).
        String extra = System.getProperty("ams.it.browser.args", "");
        if (!extra.isBlank()) {
            options.addArguments(extra.trim().split("\\s+"));
        }
        if (downloadDirectory != null) {
            // Safe Browsing would hold back a .pfx download (a certificate with its key) for a person to confirm.
            options.setExperimentalOption("prefs", java.util.Map.of(
                    "download.default_directory", downloadDirectory.toAbsolutePath().toString(),
                    "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
        }
        // AMS serves a self-signed certificate until an administrator installs their own.
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (downloadDirectory != null) {
            // Files the pages offer are saved without asking (the headless shell has no download prompt to answer).
            driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
                    "downloadPath", downloadDirectory.toAbsolutePath().toString()));
        } else {
            // Without a directory the headless shell would save into the test JVM's working directory, the module's
            // source folder, where a backup or an export would end up beside pom.xml.
            driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "deny"));
        }
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public <P> P open(String url, Class<P> page) {
        driver.get(url);
        return on(page);
    }

    public <P> P on(Class<P> page) {
        waitForPage();
        return PageFactory.initElements(driver, page);
    }

    public <T> T waitUntil(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT, POLL).until(condition);
    }

    /** For background work the page polls for (e.g. a re-encryption); elements replaced by the poll are re-read. */
    public <T> T waitUntil(ExpectedCondition<T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, POLL).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for the document, PrimeFaces' Ajax queue and its animations to settle, never for a fixed time. */
    public void waitForPage() {
        new WebDriverWait(driver, WAIT, POLL).until(d -> {
            JavascriptExecutor js = (JavascriptExecutor) d;
            // A dialog or panel that PrimeFaces is still fading or sliding in is not ready for a person's click. jQuery
            // keeps its running animations in jQuery.timers; the ':animated' selector would walk the whole document.
            Object ready = js.executeScript("return document.readyState === 'complete' && "
                    + "(typeof PrimeFaces === 'undefined' || PrimeFaces.ajax.Queue.isEmpty()) && "
                    + "(typeof jQuery === 'undefined' || jQuery.timers.length === 0);");
            return Boolean.TRUE.equals(ready);
        });
    }

    /**
     * A table read in one call to the browser, instead of two or more calls per cell (each costs milliseconds, and a
     * table read often is read cell by cell hundreds of times in a class). For each row {@code rowSelector} finds, one
     * string per probe: a probe is a CSS selector within the row, answered with the text of its first match as
     * {@link WebElement#getText()} gives it ("" when nothing matches or it is hidden); {@code "?selector"} answers
     * "true" when something in the row matches; {@code "+selector"} answers "true" when its first match is there and
     * enabled (neither disabled nor drawn disabled by PrimeFaces).
     */
    @SuppressWarnings("unchecked")
    public List<List<String>> table(String rowSelector, String... probes) {
        return (List<List<String>>) ((JavascriptExecutor) driver).executeScript(TABLE_SCRIPT, rowSelector,
                List.of(probes));
    }

    /** The first row {@code rowSelector} finds whose {@code cellSelector} shows {@code text}, found in one read. */
    public Optional<WebElement> rowWhere(String rowSelector, String cellSelector, String text) {
        List<List<String>> cells = table(rowSelector, cellSelector);
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).get(0).equals(text)) {
                return Optional.of(driver.findElements(By.cssSelector(rowSelector)).get(i));
            }
        }
        return Optional.empty();
    }

    // Focuses the field and selects its content, as a user's click and Ctrl+A would; answers whether the field is a
    // plain text field (an input of a text kind or a textarea, editable) that no widget drives with key events:
    // PrimeFaces' composite widgets (autocomplete, number, date picker) keep their text field under an "_input" id,
    // and a table's column filter searches on each key.
    private static final String FOCUS_SCRIPT = """
            const field = arguments[0];
            const kinds = ['text', 'password', 'email', 'url', 'search', 'tel'];
            const plain = (field.tagName === 'TEXTAREA' || (field.tagName === 'INPUT' && kinds.includes(field.type)))
                && !field.readOnly && !field.disabled && !field.id.endsWith('_input')
                && !field.classList.contains('ui-column-filter');
            if (plain) {
                field.scrollIntoView({block: 'center'});
                field.focus();
                field.select();
                if (arguments[1] === '') {
                    document.execCommand('delete');
                }
            }
            return plain;
            """;

    /**
     * Replaces a text field's content with {@code text} the way an input method or a paste enters it: the field is
     * focused, its content selected and the text inserted in one step (Chromium's {@code Input.insertText}), which
     * fires the same {@code beforeinput}/{@code input} events and, when focus leaves, the same {@code change} as
     * typing, and keeps to the field's {@code maxlength}. Key by key ({@code sendKeys}) costs the browser about 3.5 ms
     * of processor time per character and ChromeDriver a round trip per key; typing was the largest single share of
     * the browser's work in the console tests (README, Tests). Fields that a widget drives with key events
     * (autocomplete, number, date picker, column filters) and anything but a plain editable text field are still typed
     * key by key. {@code null} leaves the field empty.
     */
    public static void fill(WebDriver driver, WebElement field, String text) {
        text = text == null ? "" : text;
        Object plain = ((JavascriptExecutor) driver).executeScript(FOCUS_SCRIPT, field, text);
        if (!Boolean.TRUE.equals(plain)) {
            field.clear();
            field.sendKeys(text);
        } else if (!text.isEmpty()) {
            ((org.openqa.selenium.chromium.HasCdp) driver).executeCdpCommand("Input.insertText",
                    java.util.Map.of("text", text));
        }
    }

    /** {@link #fill(WebDriver, WebElement, String)} for the field with this id. */
    public void fill(String id, String text) {
        fill(driver, driver.findElement(By.id(id)), text);
    }

    /**
     * Types into a PrimeFaces autocomplete and picks the suggestion whose text is {@code suggestion}.
     *
     * @param id the autocomplete's client id (its text field is {@code id_input})
     */
    public void pickSuggestion(String id, String typed, String suggestion) {
        By item = By.xpath("//*[@id='" + id + "_panel']//li[contains(@class,'ui-autocomplete-item')]"
                + "[normalize-space(.)='" + suggestion + "']");
        // An Ajax update still in flight may replace the field after the keys went in, and the query typed into
        // the old field is lost: wait for the page first, and type again if no suggestion shows.
        for (int attempt = 1; ; attempt++) {
            waitForPage();
            WebElement field = driver.findElement(By.id(id + "_input"));
            field.clear();
            field.sendKeys(typed);
            try {
                waitUntil(ExpectedConditions.visibilityOfElementLocated(item), Duration.ofSeconds(20));
                // The panel slides into place: a click while it moves lands on whatever is below it.
                clickWhenReady(item);
                break;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        waitForPage();
    }

    /**
     * Waits until a page that was navigated away from is gone. ChromeDriver reports an element of a replaced document
     * either as stale or as "does not belong to the document"; both mean the old page is gone.
     */
    public void waitUntilGone(WebElement oldPage) {
        waitUntil(driver -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        waitForPage();
    }

    /**
     * Clicks as a person would once the element can be clicked: a dialog or panel that is still fading or sliding into
     * place (PrimeFaces animates them) covers the element or leaves it not yet interactable for a moment.
     */
    public void clickWhenReady(By locator) {
        untilClickable().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> {
                    d.findElement(locator).click();
                    return true;
                });
    }

    /** {@link #clickWhenReady(By)} for an element already found. */
    public void clickWhenReady(WebElement element) {
        untilClickable().until(d -> {
            element.click();
            return true;
        });
    }

    private org.openqa.selenium.support.ui.FluentWait<WebDriver> untilClickable() {
        return new WebDriverWait(driver, Duration.ofSeconds(20), POLL)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class);
    }

    public String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
