package org.ams.it.browser;

import java.time.Clock;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Sleeper;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Waits that check soon and then less and less often. Every check is a command to ChromeDriver and a script in the
 * page, and in a whole run those checks cost the browser, the driver and the test JVM as much processor time as the
 * server's own work: a fixed 40 ms made every wait for a slow answer check 25 times a second. Checking after 15 ms,
 * then each pause half as long again up to 200 ms, finds a page that is ready in 20 ms as quickly and a page that
 * takes two seconds with a dozen checks instead of fifty.
 */
final class Waits {

    static final Duration FIRST = Duration.ofMillis(15);
    static final Duration LONGEST = Duration.ofMillis(200);

    private Waits() {
    }

    /** A wait of at most {@code timeout}, checking at growing intervals. */
    static WebDriverWait upTo(WebDriver driver, Duration timeout) {
        return new WebDriverWait(driver, timeout, FIRST, Clock.systemDefaultZone(), new Growing());
    }

    /** Sleeps {@link #FIRST}, then each time half as long again, never more than {@link #LONGEST}. */
    static final class Growing implements Sleeper {

        private long nextMillis = FIRST.toMillis();

        @Override
        public void sleep(Duration ignored) throws InterruptedException {
            long pause = nextMillis;
            nextMillis = Math.min(LONGEST.toMillis(), pause + pause / 2);
            Thread.sleep(pause);
        }
    }
}
