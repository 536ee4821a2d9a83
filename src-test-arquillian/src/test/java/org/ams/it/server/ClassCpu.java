package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The processor time each IT class cost, by process kind: the test JVM itself, AMS's Payara Micro servers, the
 * browser (Chromium and ChromeDriver), the agent runs and the other servers a class starts (Keycloak, WildFly,
 * GlassFish, Payara Server, HAProxy). On a 2-core machine running both databases' modules side by side, the suite's
 * wall time follows the processor time all of them take, so this says where to cut (README, Tests).
 * <p>
 * A daemon thread samples this JVM's descendant processes every second and keeps each one's last reading, so a
 * process that ends between two samples (an agent run) is counted up to its last sample, and one that lives less
 * than a second not at all: the figures are a floor. One line per class is appended to {@code it-cpu.tsv} beside the timings file
 * ({@link SuiteClock}), which {@link PhaseReport} sums up.
 */
public final class ClassCpu implements TestExecutionListener {

    enum Kind { TEST_JVM, AMS_SERVER, BROWSER, AGENT, OTHER_SERVERS, OTHER }

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

    /** Last reading per process (pid and start time), in nanoseconds, with its kind. */
    private final Map<String, Reading> readings = new HashMap<>();
    private final Map<String, Start> started = new HashMap<>();
    private ScheduledExecutorService sampler;

    private record Reading(Kind kind, long cpuNanos) {
    }

    private record Start(long wallNanos, Map<Kind, Long> cpu) {
    }

    @Override
    public synchronized void executionStarted(TestIdentifier test) {
        if (!isClass(test) || timingsFile().isEmpty()) {
            return;
        }
        if (sampler == null) {
            sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "class-cpu-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleWithFixedDelay(this::sample, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        started.put(test.getUniqueId(), new Start(System.nanoTime(), totals()));
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Start start = started.remove(test.getUniqueId());
        Optional<Path> file = timingsFile();
        if (start == null || file.isEmpty()) {
            return;
        }
        Map<Kind, Long> end = totals();
        StringBuilder line = new StringBuilder(String.join("\t", System.getProperty("ams.it.phase", "integration"),
                org.ams.it.TestEnvironment.database(), className(test),
                seconds(System.nanoTime() - start.wallNanos())));
        for (Kind kind : Kind.values()) {
            line.append('\t').append(seconds(end.get(kind) - start.cpu().getOrDefault(kind, 0L)));
        }
        line.append('\n');
        try {
            Path path = file.get().resolveSibling("it-cpu.tsv");
            Files.createDirectories(path.getParent());
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isClass(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static String className(TestIdentifier test) {
        String name = ((ClassSource) test.getSource().orElseThrow()).getClassName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Optional<Path> timingsFile() {
        return Optional.ofNullable(System.getProperty("ams.it.timings")).map(Path::of);
    }

    /** Every kind's processor time so far, after a fresh sample. */
    private synchronized Map<Kind, Long> totals() {
        sample();
        Map<Kind, Long> totals = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            totals.put(kind, 0L);
        }
        readings.values().forEach(reading -> totals.merge(reading.kind(), reading.cpuNanos(), Long::sum));
        totals.merge(Kind.TEST_JVM, cpuNanos(ProcessHandle.current()), Long::sum);
        return totals;
    }

    private synchronized void sample() {
        ProcessHandle.current().descendants().forEach(process -> {
            long cpu = cpuNanos(process);
            if (cpu <= 0) {
                return;
            }
            String key = process.pid() + "@" + process.info().startInstant().map(Object::toString).orElse("");
            Reading known = readings.get(key);
            // A process first seen as something else may have become a server since: the launcher (./ams-server) is
            // a shell script that execs Payara Micro's JVM in the same process.
            Kind kind = known != null && known.kind() != Kind.OTHER ? known.kind() : kindOf(process);
            readings.put(key, new Reading(kind, cpu));
        });
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static Kind kindOf(ProcessHandle process) {
        String command = process.info().command().orElse("") + " "
                + String.join(" ", process.info().arguments().orElse(new String[0]));
        return kindOf(command);
    }

    static Kind kindOf(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        if (lower.contains("chromium") || lower.contains("chromedriver")) {
            return Kind.BROWSER;
        }
        if (lower.contains("payara-micro")) {
            return Kind.AMS_SERVER;
        }
        if (lower.contains("ams-agent")) {
            return Kind.AGENT;
        }
        if (lower.contains("keycloak") || lower.contains("jboss") || lower.contains("wildfly")
                || lower.contains("glassfish") || lower.contains("payara") || lower.contains("haproxy")) {
            return Kind.OTHER_SERVERS;
        }
        return Kind.OTHER;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
