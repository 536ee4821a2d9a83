package org.ams.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.events.EventFiringDecorator;
import org.openqa.selenium.support.events.WebDriverListener;

/**
 * Where the browser's processor time goes, by WebDriver call: an experiment's instrument, off unless
 * {@code -Dams.it.browser.profile=FILE} names where to append the table (README, Tests). For each call kind
 * ({@code get}, {@code click}, {@code executeScript}, ...) it counts the calls and sums their wall time and the
 * processor time Chromium and ChromeDriver used from the call's start to the next call's start (what a click sets off,
 * an Ajax answer rendered after the click returned, is the click's), read from {@code /proc} through
 * {@link ProcessHandle}. Reading the processes at every call costs the test JVM time of its own.
 */
final class BrowserProfile implements WebDriverListener {

    private record Sum(long calls, long wallNanos, long browserNanos) {
        Sum plus(long wall, long browser) {
            return new Sum(calls + 1, wallNanos + wall, browserNanos + browser);
        }
    }

    private static final Map<String, Sum> SUMS = new TreeMap<>();
    private static boolean hooked;

    private String current;
    private long currentWall;
    private long currentCpu;

    static Optional<Path> file() {
        return Optional.ofNullable(System.getProperty("ams.it.browser.profile")).filter(f -> !f.isBlank()).map(Path::of);
    }

    static WebDriver decorate(WebDriver driver) {
        if (file().isEmpty()) {
            return driver;
        }
        synchronized (SUMS) {
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(BrowserProfile::write, "browser-profile"));
            }
        }
        return new EventFiringDecorator<>(new BrowserProfile()).decorate(driver);
    }

    @Override
    public void beforeAnyCall(Object target, Method method, Object[] args) {
        close();
        current = (target instanceof WebDriver ? "" : "element.") + method.getName();
        currentWall = System.nanoTime();
        currentCpu = browserCpu();
    }

    /** Ends the call before (and what it set off) at the next call's start. */
    private void close() {
        if (current != null) {
            long wall = System.nanoTime() - currentWall;
            long cpu = browserCpu() - currentCpu;
            synchronized (SUMS) {
                SUMS.merge(current, new Sum(1, wall, cpu), (a, b) -> a.plus(b.wallNanos(), b.browserNanos()));
            }
            current = null;
        }
    }

    private static long browserCpu() {
        return ProcessHandle.current().descendants().filter(process -> {
            String command = process.info().command().orElse("").toLowerCase(Locale.ROOT);
            return command.contains("chrom");
        }).mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static void write() {
        StringBuilder table = new StringBuilder(String.format("%-32s %7s %10s %12s%n", "call", "count", "wall ms",
                "browser ms"));
        synchronized (SUMS) {
            SUMS.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().browserNanos(), a.getValue().browserNanos()))
                    .forEach(e -> table.append(String.format("%-32s %7d %10d %12d%n", e.getKey(), e.getValue().calls(),
                            e.getValue().wallNanos() / 1_000_000, e.getValue().browserNanos() / 1_000_000)));
        }
        try {
            Files.writeString(file().orElseThrow(), table, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
