package org.ams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.access.AccessRequests;
import org.ams.audit.AuditRecorded;
import org.ams.devices.DeviceState;
import org.ams.escrow.KeyState;
import org.ams.escrow.RotationRequest;
import org.ams.platform.AmsDataSource;
import org.ams.platform.DatabaseMigration;

/**
 * The application's one metrics registry, written out in the Prometheus text format by {@link #scrape()}.
 * <p>
 * Counters and the agent API's latency histogram are bumped where the event happens and cost an increment. The
 * gauges show {@link Figures} the database answered at most {@value #FIGURES_TTL_SECONDS} seconds ago: a scrape
 * reads them again only when they are older, so however often and from however many scrapers AMS is scraped, the
 * database sees one round of aggregate queries per {@value #FIGURES_TTL_SECONDS} seconds. While the database does not
 * answer, the gauges read NaN and {@code ams_database_figures_up} 0, rather than go on showing old values.
 * <p>
 * Counters count on this server since it started (Prometheus' {@code rate} and {@code increase} handle the restarts);
 * the database gauges show the whole installation, the same on every server sharing the database. The connection
 * pool's gauges are this server's own: the physical connections its pool holds, as {@link AmsDataSource} counts them
 * below the pool, and the pool's maximum.
 */
@ApplicationScoped
public class AmsMetrics {

    /** How old the database figures may be when a scrape writes them. */
    public static final int FIGURES_TTL_SECONDS = 10;
    private static final Duration FIGURES_TTL = Duration.ofSeconds(FIGURES_TTL_SECONDS);
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};
    private static final Logger LOG = Logger.getLogger(AmsMetrics.class.getName());

    @Inject
    private OperationalFigures database;

    private PrometheusMeterRegistry registry;

    private final Object refreshing = new Object();
    /** {@code null} before the first read and while the database does not answer. */
    private volatile Figures figures;
    private volatile Instant readAt = Instant.EPOCH;
    /** Whether the last read failed: the outage is logged once, when it begins. Guarded by {@code refreshing}. */
    private boolean failing;

    @PostConstruct
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Two of the processor meters break Prometheus' naming conventions, which promtool's lint enforces: a unit
        // abbreviated in the name (process_cpu_time_ns_total) and a gauge ending in _count (system_cpu_count).
        // process_cpu_usage and system_cpu_usage tell what matters.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        gauge("ams.database.connections.open", "Physical database connections this server's pool holds now, busy "
                + "or idle (per server: sum across servers)", null, metrics -> AmsDataSource.openConnections());
        gauge("ams.database.connections.max", "The most physical database connections this server's pool may hold "
                + "(per server: sum across servers)", null, metrics -> DatabaseMigration.MAX_POOL_SIZE);
        gauge("ams.database.figures.up", "1 when the database answered the last read of the figures below, else 0",
                null, metrics -> metrics.figures == null ? 0 : 1);
        for (DeviceState state : DeviceState.values()) {
            figure("ams.devices", "Devices by state", null, f -> f.devicesByState().get(state.name()),
                    "state", lower(state));
        }
        figure("ams.agent.last.check.in.timestamp", "When an approved device last checked in (Unix time)",
                "seconds", f -> epochSeconds(f.lastCheckIn()));
        for (KeyState state : KeyState.values()) {
            figure("ams.recovery.keys", "Escrowed recovery passwords by state (superseded: kept as history)", null,
                    f -> f.keysByState().get(state.name()), "state", lower(state));
        }
        figure("ams.escrow.unreadable.secrets", "Escrowed recovery passwords the server cannot open; expected 0",
                null, Figures::unreadableSecrets);
        figure("ams.escrow.verification.last.finished.timestamp", "When the last escrow verification finished "
                + "(Unix time)", "seconds", f -> epochSeconds(f.verificationFinished()));
        figure("ams.escrow.verification.checked.keys", "Keys the last escrow verification opened", null,
                Figures::verificationChecked);
        figure("ams.escrow.verification.unreadable.keys", "Keys the last escrow verification could not open", null,
                Figures::verificationUnreadable);
        for (RotationRequest.State state : RotationRequest.State.values()) {
            if (state.open()) {
                figure("ams.key.rotations.open", "Key rotations waiting for their device, by state", null,
                        f -> f.openRotationsByState().get(state.name()), "state", lower(state));
            }
        }
        figure("ams.key.rotation.oldest.open.age", "How long the oldest open key rotation has waited", "seconds",
                f -> age(f, f.oldestOpenRotation()));
        figure("ams.key.rotations.failed", "Failed key rotations of recovery passwords still in use", null,
                Figures::failedRotations);
        figure("ams.certificate.rotation.remaining.secrets", "Secrets a running certificate rotation has still to "
                + "re-encrypt", null, Figures::certificateRotationLeft);
        figure("ams.notification.outbox.pending", "Notifications waiting for delivery", null,
                Figures::outboxPending);
        figure("ams.notification.outbox.oldest.pending.age", "How long the oldest waiting notification has waited",
                "seconds", f -> age(f, f.oldestPending()));
        figure("ams.notification.outbox.failed", "Notifications given up on after their last retry", null,
                Figures::outboxFailed);
        figure("ams.audit.forwarding.enabled", "1 when audit records are forwarded to syslog", null,
                f -> f.forwardingEnabled() ? 1 : 0);
        figure("ams.audit.forwarding.backlog", "Audit records committed and not yet taken by the syslog receiver",
                "records", Figures::forwardingBacklog);
        figure("ams.audit.forwarding.lag", "How long the oldest audit record not yet forwarded has waited",
                "seconds", f -> age(f, f.oldestUnforwarded()));
        figure("ams.audit.forwarding.failures", "Failed sends to the syslog receiver in a row", null,
                Figures::forwardingFailures);
    }

    @PreDestroy
    void stop() {
        registry.close();
    }

    /**
     * One answered agent API call.
     *
     * @param outcome {@code ok}, or the API error code the agent got, in lower case
     */
    public void agentCall(AgentCall call, String outcome, long nanos) {
        Timer.builder("ams.agent.requests")
                .description("Agent API calls by call and outcome, with their latency")
                .tag("call", call.label())
                .tag("outcome", outcome)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** The result of one protector of an answered key upload: stored, already held or rejected. */
    public void escrowedProtector(String result) {
        Counter.builder("ams.escrow.protectors")
                .description("Protectors of answered key uploads, by result (stored, already held, rejected)")
                .tag("result", result.toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /**
     * Every access request, key ID lookup and recorded computer search leaves one audit record; counting the
     * committed records counts each request once, whatever page or API made it, and never one that was rolled back.
     */
    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditRecorded record) {
        if (record.resultCode() != null && AccessRequests.REQUEST_ACTIONS.contains(record.action())) {
            Counter.builder("ams.access.requests")
                    .description("Access requests, key ID lookups and denied computer searches by result code")
                    .tag("action", record.action())
                    .tag("result", record.resultCode())
                    .register(registry)
                    .increment();
        }
    }

    /** Every meter in the Prometheus text format (version 0.0.4), with database figures at most a TTL old. */
    public String scrape() {
        refreshFigures();
        return registry.scrape();
    }

    private void refreshFigures() {
        if (!stale()) {
            return;
        }
        synchronized (refreshing) {
            if (!stale()) {
                return; // another scrape has just read them
            }
            try {
                figures = database.read();
                if (failing) {
                    LOG.info("The metrics read their figures from the database again.");
                }
                failing = false;
            } catch (RuntimeException e) {
                // Once per outage, not once per scrape.
                if (!failing) {
                    LOG.log(Level.WARNING, "The metrics cannot read their figures from the database; the gauges read "
                            + "NaN until it answers: {0}", rootMessage(e));
                }
                failing = true;
                figures = null;
            }
            readAt = Instant.now();
        }
    }

    private boolean stale() {
        return Duration.between(readAt, Instant.now()).compareTo(FIGURES_TTL) >= 0;
    }

    private void gauge(String name, String description, String unit, ToDoubleFunction<AmsMetrics> value,
                       String... tags) {
        Gauge.builder(name, this, value).description(description).baseUnit(unit).tags(tags).strongReference(true)
                .register(registry);
    }

    /** A gauge of one database figure; NaN while there are no figures. */
    private void figure(String name, String description, String unit, ToDoubleFunction<Figures> value,
                        String... tags) {
        gauge(name, description, unit, metrics -> {
            Figures current = metrics.figures;
            return current == null ? Double.NaN : value.applyAsDouble(current);
        }, tags);
    }

    private static double epochSeconds(Instant time) {
        return time == null ? Double.NaN : time.toEpochMilli() / 1000.0;
    }

    /** Seconds from {@code since} to when the figures were read; 0 when there is nothing waiting. */
    private static double age(Figures figures, Instant since) {
        return since == null ? 0 : Math.max(0, Duration.between(since, figures.readAt()).toMillis() / 1000.0);
    }

    private static String lower(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().strip()
                .lines().findFirst().orElse(""));
    }
}
