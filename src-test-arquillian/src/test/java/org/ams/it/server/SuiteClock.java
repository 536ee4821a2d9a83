package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How long this test JVM took and how long its servers took to become ready, written for {@link PhaseReport} as one
 * line of {@code it-timings.tsv}: phase, database, seconds, each server start in seconds, the classes that drove
 * the browser, and when the JVM's tests began and ended (epoch milliseconds: a phase whose JVMs run side by side
 * lasts from the first start to the last end, not the sum of its JVMs).
 */
public final class SuiteClock {

    private static final List<Duration> SERVER_STARTS = new ArrayList<>();
    private static final java.util.Set<String> BROWSER_CLASSES = new java.util.LinkedHashSet<>();
    private static long openedAt;
    private static long openedAtEpochMillis;

    private SuiteClock() {
    }

    public static synchronized void opened() {
        openedAt = System.nanoTime();
        openedAtEpochMillis = System.currentTimeMillis();
    }

    static synchronized void serverStarted(Duration took) {
        SERVER_STARTS.add(took);
        System.out.printf("[ams-it] Payara Micro with AMS ready in %.1f s%n", took.toMillis() / 1000.0);
    }

    /** Notes the IT class on the calling thread's stack as one that drives the browser. */
    public static void browserUsed() {
        StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .filter(name -> name.endsWith("IT") && !name.equals("BrowserIT")).findFirst())
                .ifPresent(SuiteClock::browserUsedBy);
    }

    /** Notes an IT class (simple name) as one that drives the browser. */
    public static synchronized void browserUsedBy(String testClass) {
        BROWSER_CLASSES.add(testClass);
    }

    /** Appends this JVM's line to the timings file named by {@code ams.it.timings}, if any. */
    public static synchronized void closed(String database) {
        String file = System.getProperty("ams.it.timings");
        if (file == null || openedAt == 0) {
            return;
        }
        String line = String.join("\t", System.getProperty("ams.it.phase", "integration"), database,
                seconds(Duration.ofNanos(System.nanoTime() - openedAt)),
                SERVER_STARTS.stream().map(SuiteClock::seconds).collect(Collectors.joining(",")),
                String.join(",", BROWSER_CLASSES), Long.toString(openedAtEpochMillis),
                Long.toString(System.currentTimeMillis())) + "\n";
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
