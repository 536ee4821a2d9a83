package org.ams.it.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints how long each phase of {@code mvn verify} took and fails the build, with a sentence, when a phase ran past its
 * budget: a slow machine is then told which phase grew, long before CI's hard time limit cuts the run off.
 * <p>
 * Run by Maven after the integration tests ({@code post-integration-test}, see the module's POM). Arguments: the
 * repository root (for the unit tests' Surefire reports), this module's build directory (the timings file the test
 * JVMs write, see {@link SuiteClock}, and the Failsafe reports), then one {@code phase=seconds} budget per phase, and
 * {@code since=<ISO time>}, when Maven started (for the whole run's duration, budget {@code build}).
 */
public final class PhaseReport {

    private static final Pattern SUITE_TIME = Pattern.compile("<testsuite\\b[^>]*?\\btime=\"([0-9.,]+)\"");
    private static final Pattern SUITE_NAME = Pattern.compile("<testsuite\\b[^>]*?\\bname=\"([^\"]+)\"");
    private static final Pattern TEST_CASE = Pattern.compile(
            "<testcase\\b[^>]*?\\bname=\"([^\"]*)\"[^>]*?\\bclassname=\"([^\"]*)\"[^>]*?(/?)>");
    private static final Pattern PROBLEM = Pattern.compile("<(failure|error)\\b([^>]*)>");
    private static final Pattern MESSAGE = Pattern.compile("\\bmessage=\"([^\"]*)\"");
    private static final int MESSAGE_LENGTH = 300;
    private static final Map<String, String> TITLES = new LinkedHashMap<>();
    /** The process kinds of {@link ClassCpu}'s lines, in their order. */
    private static final String[] CPU_KINDS = {"test JVM", "AMS servers", "browser", "agents", "other servers", "other"};
    private static final int CPU_CLASSES_SHOWN = 12;

    static {
        TITLES.put("unit", "unit tests (every module)");
        TITLES.put("h2-shared", "H2 integration tests, one shared server");
        TITLES.put("postgresql-shared", "PostgreSQL integration tests, one shared server");
        TITLES.put("h2-fresh", "H2 integration tests, a fresh server each");
        TITLES.put("postgresql-fresh", "PostgreSQL integration tests, a fresh server each");
        TITLES.put("h2-upgrade", "H2 upgrade from every earlier migration");
        TITLES.put("postgresql-upgrade", "PostgreSQL upgrade from every earlier migration");
    }

    private PhaseReport() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path build = Path.of(args[1]);
        Map<String, Double> budgets = new LinkedHashMap<>();
        java.time.Instant buildStarted = null;
        for (int i = 2; i < args.length; i++) {
            String[] budget = args[i].split("=", 2);
            if (budget[0].trim().equals("since")) {
                buildStarted = java.time.OffsetDateTime.parse(budget[1].trim()).toInstant();
            } else {
                budgets.put(budget[0].trim(), Double.parseDouble(budget[1].trim()));
            }
        }

        Map<String, Phase> phases = new LinkedHashMap<>();
        phases.put("unit", unitTests(root));
        Path timings = build.resolve("it-timings.tsv");
        if (Files.exists(timings)) {
            for (String line : Files.readAllLines(timings)) {
                String[] fields = line.split("\t", -1);
                if (fields.length < 5) {
                    continue;
                }
                Phase phase = phases.computeIfAbsent(fields[0], name -> new Phase());
                phase.seconds += Double.parseDouble(fields[2]);
                phase.jvms++;
                if (fields.length >= 7) {
                    phase.firstStart = Math.min(phase.firstStart, Long.parseLong(fields[5]));
                    phase.lastEnd = Math.max(phase.lastEnd, Long.parseLong(fields[6]));
                }
                for (String start : fields[3].split(",")) {
                    if (!start.isBlank()) {
                        phase.serverStarts.add(Double.parseDouble(start));
                    }
                }
                for (String browserClass : fields[4].split(",")) {
                    if (!browserClass.isBlank()) {
                        phase.browserClasses.add(browserClass);
                    }
                }
            }
        }

        Map<String, List<String[]>> cpu = new LinkedHashMap<>();
        Path cpuFile = build.resolve("it-cpu.tsv");
        if (Files.exists(cpuFile)) {
            for (String line : Files.readAllLines(cpuFile)) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 4 + CPU_KINDS.length) {
                    cpu.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(fields);
                }
            }
        }

        List<String> overBudget = new ArrayList<>();
        double total = 0;
        System.out.println("[ams-phases] ---------------------------------------------------------------------------");
        for (Map.Entry<String, Phase> entry : phases.entrySet()) {
            String id = entry.getKey();
            Phase phase = entry.getValue();
            phase.seconds = phase.wallSeconds();
            Map<String, Double> classes = id.equals("unit") ? Map.of() : classTimes(build.resolve("failsafe-reports").resolve(id));
            total += phase.seconds;
            Double budget = budgets.get(id);
            System.out.printf(Locale.ROOT, "[ams-phases] %-52s %7.1f s%s%n", TITLES.getOrDefault(id, id), phase.seconds,
                    budget == null ? "" : String.format(Locale.ROOT, "   (budget %.0f s)", budget));
            if (!id.equals("unit")) {
                System.out.printf(Locale.ROOT, "[ams-phases]     %d class(es) in %d JVM(s); server ready after %s%n",
                        classes.size(), phase.jvms, phase.serverStarts.isEmpty() ? "no start"
                                : phase.serverStarts.stream().map(s -> String.format(Locale.ROOT, "%.1f s", s)).toList());
                double browser = phase.browserClasses.stream().mapToDouble(name -> classes.getOrDefault(name, 0.0)).sum();
                if (browser > 0) {
                    System.out.printf(Locale.ROOT, "[ams-phases]     of which classes driving the browser: %.1f s%n", browser);
                }
                classes.entrySet().stream().filter(e -> e.getKey().contains("OnPayaraServer")).forEach(e ->
                        System.out.printf(Locale.ROOT, "[ams-phases]     of which the EAR on Payara Server: %.1f s%n", e.getValue()));
                printProcessorTime(cpu.getOrDefault(id, List.of()));
            }
            if (budget != null && phase.seconds > budget) {
                overBudget.add(String.format(Locale.ROOT, "%s took %.0f s, over its budget of %.0f s", TITLES.getOrDefault(id, id),
                        phase.seconds, budget));
            }
        }
        // Every database's module so far (they run side by side): whichever reports last names every failure.
        try (Stream<Path> reports = Files.list(build.toAbsolutePath().getParent().getParent())) {
            for (Path phaseReports : reports.map(module -> module.resolve("target/failsafe-reports"))
                    .filter(Files::isDirectory).flatMap(PhaseReport::directories).sorted().toList()) {
                failedTests(phaseReports).forEach(failure -> System.out.printf(Locale.ROOT,
                        "[ams-phases] FAILED in %s: %s%n", phaseReports.getFileName(), failure));
            }
        }
        Double allBudget = budgets.get("all");
        System.out.printf(Locale.ROOT, "[ams-phases] %-52s %7.1f s%s%n", "all tests", total,
                allBudget == null ? "" : String.format(Locale.ROOT, "   (budget %.0f s)", allBudget));
        if (buildStarted != null) {
            double sinceStart = java.time.Duration.between(buildStarted, java.time.Instant.now()).toMillis() / 1000.0;
            Double buildBudget = budgets.get("build");
            System.out.printf(Locale.ROOT, "[ams-phases] %-52s %7.1f s%s%n", "mvn verify so far (build and tests)",
                    sinceStart, buildBudget == null ? "" : String.format(Locale.ROOT, "   (budget %.0f s)", buildBudget));
            if (buildBudget != null && sinceStart > buildBudget) {
                overBudget.add(String.format(Locale.ROOT, "mvn verify took %.0f s up to here, over its budget of %.0f s",
                        sinceStart, buildBudget));
            }
        }
        System.out.println("[ams-phases] ---------------------------------------------------------------------------");
        if (allBudget != null && total > allBudget) {
            overBudget.add(String.format(Locale.ROOT, "all tests took %.0f s, over their budget of %.0f s", total, allBudget));
        }
        if (!overBudget.isEmpty()) {
            throw new IllegalStateException("The test suite ran past its time budget (README, Tests): "
                    + String.join("; ", overBudget) + ". Find what grew before CI's hard limit is reached.");
        }
    }

    /**
     * The processor time of a phase's classes by process kind ({@link ClassCpu}), and the classes that cost the most:
     * on two cores the suite's wall time follows the processor time, so this says where to cut.
     */
    private static void printProcessorTime(List<String[]> classes) {
        if (classes.isEmpty()) {
            return;
        }
        double[] sums = new double[CPU_KINDS.length];
        List<Map.Entry<String, double[]>> perClass = new ArrayList<>();
        for (String[] fields : classes) {
            double[] values = new double[CPU_KINDS.length];
            for (int i = 0; i < CPU_KINDS.length; i++) {
                values[i] = Double.parseDouble(fields[4 + i]);
                sums[i] += values[i];
            }
            perClass.add(Map.entry(fields[2] + " (" + fields[3] + " s)", values));
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < CPU_KINDS.length; i++) {
            line.append(String.format(Locale.ROOT, "%s%s %.0f s", i == 0 ? "" : ", ", CPU_KINDS[i], sums[i]));
        }
        System.out.printf(Locale.ROOT, "[ams-phases]     processor time: %.0f s (%s)%n",
                java.util.Arrays.stream(sums).sum(), line);
        perClass.sort((a, b) -> Double.compare(java.util.Arrays.stream(b.getValue()).sum(),
                java.util.Arrays.stream(a.getValue()).sum()));
        for (Map.Entry<String, double[]> entry : perClass.subList(0, Math.min(CPU_CLASSES_SHOWN, perClass.size()))) {
            double[] values = entry.getValue();
            StringBuilder kinds = new StringBuilder();
            for (int i = 0; i < CPU_KINDS.length; i++) {
                kinds.append(String.format(Locale.ROOT, "%s%.0f", i == 0 ? "" : "/", values[i]));
            }
            System.out.printf(Locale.ROOT, "[ams-phases]       %-46s %6.0f s processor (%s)%n", entry.getKey(),
                    java.util.Arrays.stream(values).sum(), kinds);
        }
    }

    private static Phase unitTests(Path root) throws IOException {
        Phase unit = new Phase();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                unit.seconds += classTimes(module.resolve("target/surefire-reports")).values().stream()
                        .mapToDouble(Double::doubleValue).sum();
            }
        }
        return unit;
    }

    /** Seconds per test class, by simple name, from a Surefire or Failsafe report directory. */
    private static Map<String, Double> classTimes(Path reports) throws IOException {
        Map<String, Double> times = new LinkedHashMap<>();
        if (!Files.isDirectory(reports)) {
            return times;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                String head = readHead(file);
                Matcher time = SUITE_TIME.matcher(head);
                Matcher name = SUITE_NAME.matcher(head);
                if (time.find() && name.find()) {
                    // The report name may carry Failsafe's reportNameSuffix (the database) after the class name.
                    String simple = name.group(1).replaceAll("[^A-Za-z0-9_.$].*$", "");
                    simple = simple.substring(simple.lastIndexOf('.') + 1);
                    times.put(simple, Double.parseDouble(time.group(1).replace(",", "")));
                }
            }
        }
        return times;
    }

    /**
     * The tests of a Failsafe report directory that failed or erred, each as "Class.method: message" (the message's
     * first line, shortened): printed next to the durations, so the end of a long log says what failed.
     */
    static List<String> failedTests(Path reports) throws IOException {
        List<String> failed = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return failed;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                String report = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
                Matcher testCase = TEST_CASE.matcher(report);
                while (testCase.find()) {
                    if (!testCase.group(3).isEmpty()) {
                        continue; // a self-closing testcase passed
                    }
                    int end = report.indexOf("</testcase>", testCase.end());
                    Matcher problem = PROBLEM.matcher(report.substring(testCase.end(), end < 0 ? report.length() : end));
                    if (problem.find()) {
                        String className = testCase.group(2).substring(testCase.group(2).lastIndexOf('.') + 1);
                        Matcher message = MESSAGE.matcher(problem.group(2));
                        failed.add(className + "." + testCase.group(1) + " (" + problem.group(1) + "): "
                                + shortMessage(message.find() ? message.group(1) : null));
                    }
                }
            }
        }
        return failed;
    }

    private static Stream<Path> directories(Path parent) {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String shortMessage(String message) {
        if (message == null) {
            return "no message";
        }
        String text = message.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#10;", "\n")
                .replace("&amp;", "&").lines().findFirst().orElse("").strip();
        return text.length() > MESSAGE_LENGTH ? text.substring(0, MESSAGE_LENGTH) + "..." : text;
    }

    private static String readHead(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final class Phase {
        double seconds;
        int jvms;
        final List<Double> serverStarts = new ArrayList<>();
        final Set<String> browserClasses = new LinkedHashSet<>();
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;

        /**
         * The phase's wall-clock time: from its first JVM's start to its last JVM's end when the JVMs said when they ran
         * (they may run side by side), else the sum of their durations.
         */
        double wallSeconds() {
            return lastEnd >= firstStart && firstStart != Long.MAX_VALUE ? (lastEnd - firstStart) / 1000.0 : seconds;
        }
    }
}
