package org.ams.web.api.agent;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.ams.platform.DatabaseMigration;

/**
 * Tells a database outage from a defect, for the REST APIs: a request that failed unexpectedly while the database
 * does not answer is answered "503, try again in {@value #RETRY_AFTER_SECONDS} seconds", and the server log gets one
 * line when the outage begins and one when the APIs answer again, not a stack trace per request (an agent fleet
 * retrying through an outage would otherwise bury everything else in the log). Once an outage is known, requests are
 * answered before they reach a service ({@link DatabaseOutageFilter}).
 */
@ApplicationScoped
public class DatabaseOutage {

    /** What {@code Retry-After} asks for: long enough not to hammer a database that is restarting. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final int MAX_REASON = 300;
    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class.getName());

    /** How often, at most, a request during an outage asks the database whether it is back. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private record Outage(Instant began, LongAdder refused, AtomicLong lastProbeNanos) {
    }

    @EJB
    private DatabaseMigration database;

    private final AtomicReference<Outage> current = new AtomicReference<>();

    public DatabaseOutage() {
    }

    DatabaseOutage(DatabaseMigration database) {
        this.database = database;
    }

    /**
     * Whether an unexpected failure is explained by the database not answering now. The check asks the database
     * itself rather than guessing from the exception, which differs by driver, pool and the step that failed.
     */
    public boolean explains(Throwable failure) {
        if (database.reachable()) {
            // Also during an outage: the database is back and this request failed anyway, a defect to log as one.
            return false;
        }
        Outage started = new Outage(Instant.now(), new LongAdder(), new AtomicLong(System.nanoTime()));
        if (current.compareAndSet(null, started)) {
            LOG.warning(() -> "The database does not answer (" + reason(failure) + "): the REST APIs answer 503 with "
                    + "Retry-After: " + RETRY_AFTER_SECONDS + " until it does.");
        }
        Outage outage = current.get();
        if (outage != null) {
            outage.refused().increment();
        }
        return true;
    }

    /**
     * Before a request: whether an outage is known and still lasts, so that the request is answered 503 without
     * calling a service. The database is asked at most once per {@link #PROBE_INTERVAL}; when it answers, the request
     * goes ahead and its success ends the outage.
     */
    public boolean continuing() {
        Outage outage = current.get();
        if (outage == null) {
            return false;
        }
        long last = outage.lastProbeNanos().get();
        long now = System.nanoTime();
        boolean probe = now - last >= PROBE_INTERVAL.toNanos() && outage.lastProbeNanos().compareAndSet(last, now);
        if (probe && database.reachable()) {
            return false;
        }
        outage.refused().increment();
        return true;
    }

    /** Called for every successful answer: the first one after an outage ends it, with one line in the log. */
    public void answered() {
        if (current.get() == null) {
            return;
        }
        Outage ended = current.getAndSet(null);
        if (ended != null) {
            LOG.info(() -> "The database answers again: the REST APIs are back after "
                    + Duration.between(ended.began(), Instant.now()).toSeconds() + " s, in which "
                    + ended.refused().sum() + " request(s) were answered 503.");
        }
    }

    /** The innermost cause, on one line: what the driver or pool said, never a stack trace. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().strip().lines().findFirst()
                .orElse("");
        String text = root.getClass().getSimpleName() + message;
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
