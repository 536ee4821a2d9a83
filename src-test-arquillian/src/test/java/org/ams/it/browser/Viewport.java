package org.ams.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The browser window's size, as on a laptop's or a desktop's screen: headless Chromium, too, keeps part of the
 * window's height for its tool bars, so a 1366 x 768 window lays pages out 1366 pixels wide.
 */
public final class Viewport {

    private static final Duration RESIZE = Duration.ofSeconds(20);
    private static final int TALLEST_PICTURE = 10_000;

    private final Browser browser;

    public Viewport(Browser browser) {
        this.browser = browser;
    }

    /** The window's size now, to restore it afterwards. */
    public Dimension window() {
        return driver().manage().window().getSize();
    }

    /** Sizes the window and waits until the page is laid out at its width (a loaded machine resizes late). */
    public void size(Dimension window) {
        driver().manage().window().setSize(window);
        browser.waitUntil(d -> number("return window.innerWidth;") == window.width
                && number("return window.outerHeight;") == window.height, RESIZE);
    }

    /**
     * Saves the page, laid out at the current width, as a PNG file: the window is made tall enough for the whole page
     * (up to 10,000 pixels) for the picture and given its size back afterwards.
     */
    public void screenshot(Path file) {
        Dimension window = window();
        long bars = number("return window.outerHeight - window.innerHeight;");
        long page = Math.min(TALLEST_PICTURE, number("return document.documentElement.scrollHeight;"));
        try {
            if (page + bars > window.height) {
                size(new Dimension(window.width, (int) (page + bars)));
            }
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            size(window);
        }
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) driver()).executeScript(script)).longValue();
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
