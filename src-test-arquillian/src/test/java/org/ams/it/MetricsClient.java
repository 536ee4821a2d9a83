package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.LoginPage;
import org.ams.platform.DatabaseMigration;
import org.ams.protocol.RequiredTool;

/**
 * The client side of {@link MetricsIT}: scrapes {@code /metrics} over plain HTTP from 127.0.0.1 as Prometheus does,
 * has the real {@code promtool} validate every exposition before the test reads a value from it, and drives the real
 * agent jar and the browser. Kept apart from the test class, which the server loads too.
 */
final class MetricsClient {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final String CHECK_INS = "ams_agent_requests_seconds_count";
    /** The scrape before the agents ran: the counters' deltas are taken from it. */
    private static Scrape before;

    private MetricsClient() {
    }

    static void firstScrape(URL base) throws Exception {
        before = scrapeUntil(base, scrape -> scrape.value("ams_database_figures_up") == 1, "the database figures");
        String text = before.text();
        for (String family : List.of("ams_database_connections_open", "ams_database_connections_max",
                "ams_database_figures_up", "ams_devices", "ams_recovery_keys",
                "ams_agent_last_check_in_timestamp_seconds", "ams_escrow_unreadable_secrets",
                "ams_escrow_verification_last_finished_timestamp_seconds", "ams_escrow_verification_checked_keys",
                "ams_escrow_verification_unreadable_keys", "ams_key_rotations_open",
                "ams_key_rotation_oldest_open_age_seconds", "ams_key_rotations_failed",
                "ams_certificate_rotation_remaining_secrets", "ams_notification_outbox_pending",
                "ams_notification_outbox_oldest_pending_age_seconds", "ams_notification_outbox_failed",
                "ams_audit_forwarding_enabled", "ams_audit_forwarding_backlog_records",
                "ams_audit_forwarding_lag_seconds", "ams_audit_forwarding_failures", "jvm_memory_used_bytes",
                "process_uptime_seconds")) {
            assertTrue(text.contains("# HELP " + family + " "), family + " with its help line in:\n" + text);
            assertTrue(text.contains("# TYPE " + family + " gauge"), family + " is a gauge");
        }
        for (String state : List.of("pending", "approved", "rejected", "disabled", "deleted")) {
            assertTrue(before.has("ams_devices", "state", state), "devices " + state + ", zeros included");
        }
        assertTrue(before.value("ams_devices", "state", "approved") >= 1, "the unread tenant's computer");
        assertEquals(0, before.value("ams_escrow_unreadable_secrets"), "every escrowed secret opens");
        assertTrue(text.contains("# HELP ams_database_connections_open Physical database connections this "
                + "server's pool holds now"), text);
        poolGaugesArePlausible(before);
    }

    /**
     * The server has just read the database figures, and its pool keeps idle connections for minutes: at least one
     * is open, and never more than the pool's maximum.
     */
    static void poolGaugesArePlausible(Scrape scrape) {
        assertEquals(DatabaseMigration.MAX_POOL_SIZE, scrape.value("ams_database_connections_max"),
                "the maximum of the pool's definition");
        double open = scrape.value("ams_database_connections_open");
        assertTrue(open >= 1 && open <= DatabaseMigration.MAX_POOL_SIZE, "open connections: " + open);
        assertEquals(Math.rint(open), open, "a count");
    }

    /**
     * A device's real agent registers with a key the administrator made in the console, checks in twice (the first
     * time it uploads both volumes' passwords), and a stranger's check-in is refused: the counters move by exactly
     * these calls, the gauges follow within their refresh time.
     */
    static void agentCallsAreCounted(URL base, String tenant, String device, String volumes) throws Exception {
        AgentDevice agent = registeredAgent(registrationKey(base, tenant), device);
        checkIn(agent, volumes); // a check-in, then an upload of both volumes' passwords
        checkIn(agent, volumes); // a check-in: nothing new to upload
        checkInWithoutAssertion(base);

        Scrape after = scrapeUntil(base, scrape -> scrape.value("ams_recovery_keys", "state", "current")
                        >= before.value("ams_recovery_keys", "state", "current") + 2,
                "the two escrowed passwords counted by the gauge");
        assertEquals(2, delta(after, CHECK_INS, "call", "check-in", "outcome", "ok"), after.text());
        assertEquals(1, delta(after, CHECK_INS, "call", "key-upload", "outcome", "ok"));
        assertEquals(1, delta(after, CHECK_INS, "call", "check-in", "outcome", "missing_assertion"),
                "the refused call, under the code the agent API answered:\n" + after.text());
        assertEquals(3, delta(after, CHECK_INS, "call", "check-in"), "nothing else");
        assertEquals(1, delta(after, CHECK_INS, "call", "key-upload"), "nothing else");
        assertEquals(2, delta(after, "ams_escrow_protectors_total", "result", "stored"));
        assertEquals(3, delta(after, "ams_agent_requests_seconds_bucket", "call", "check-in", "le", "+Inf"),
                "each check-in in the latency histogram");
        assertTrue(delta(after, "ams_agent_requests_seconds_sum", "call", "check-in") > 0, "their latency adds up");
        assertEquals(1, delta(after, "ams_devices", "state", "approved"));
        double lastCheckIn = after.value("ams_agent_last_check_in_timestamp_seconds");
        assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - lastCheckIn) < 120,
                "the agent's check-in is the newest: " + lastCheckIn);
        assertFalse(after.text().contains(device), "no computer name in a label");
        poolGaugesArePlausible(after);
    }

    /** The two requests of the helpdesk user, each counted once under its result code, and nothing else. */
    static void accessRequestsAreCounted(URL base, List<String> neverShown) throws Exception {
        Scrape after = scrape(base);
        String requests = "ams_access_requests_total";
        String action = "access.requested";
        assertEquals(1, delta(after, requests, "action", action, "result", "SUCCESS"), after.text());
        assertEquals(1, delta(after, requests, "action", action, "result", "NO_MATCHING_RULE_FOR_TARGET"));
        assertEquals(2, delta(after, requests), "nothing else counted");
        poolGaugesArePlausible(after);
        for (String secretOrName : neverShown) {
            // The message does not repeat the value: one of them is a recovery password.
            assertFalse(after.text().contains(secretOrName), "a user, computer, address or password in a label");
        }
    }

    /** Ranges without 127.0.0.1, and a setting with a host name in it, refuse; a range with it admits. */
    static void otherAddressesAreRefused(URL base) throws Exception {
        withAllowList("10.0.0.0/8, fd00::/8", () -> refused(base));
        withAllowList("127.0.0.0/8, metrics.example.org", () -> refused(base));
        withAllowList("192.0.2.0/24 127.0.0.1/32", () -> scrape(base));
        scrape(base);
    }

    /** The alert rules file passes promtool, and every AMS metric it names is served. */
    static void alertRulesUseServedMetrics(URL base, Path rules) throws Exception {
        promtoolChecksRules(rules);
        String served = scrape(base).text();
        Matcher metric = Pattern.compile("\\bams_[a-z_]+").matcher(Files.readString(rules));
        java.util.Set<String> named = new java.util.TreeSet<>();
        while (metric.find()) {
            named.add(metric.group());
            assertTrue(served.contains("\n" + metric.group() + " ") || served.contains("\n" + metric.group() + "{"),
                    metric.group() + " is served");
        }
        assertTrue(named.containsAll(List.of("ams_escrow_unreadable_secrets",
                "ams_notification_outbox_oldest_pending_age_seconds", "ams_agent_last_check_in_timestamp_seconds",
                "ams_devices", "ams_database_connections_open", "ams_database_connections_max")),
                "the four rules' metrics: " + named);
    }

    private static double delta(Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** One sample line of the exposition: its metric name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** What one scrape said, validated by promtool. */
    record Scrape(String text, List<Sample> samples) {

        /** The sum over the samples of this name that carry every given label (name, value, name, value, ...). */
        double value(String name, String... labels) {
            return matching(name, labels).mapToDouble(Sample::value).sum();
        }

        /** Whether any sample of this name with these labels is present. */
        boolean has(String name, String... labels) {
            return matching(name, labels).findAny().isPresent();
        }

        private java.util.stream.Stream<Sample> matching(String name, String... labels) {
            return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    static HttpResponse<String> get(URL base) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A scrape as Prometheus makes it, checked by {@code promtool check metrics} and then parsed. */
    static Scrape scrape(URL base) throws Exception {
        HttpResponse<String> response = get(base);
        assertEquals(200, response.statusCode(), "a scrape from 127.0.0.1, which the default allows");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type")
                .orElse("").toLowerCase(java.util.Locale.ROOT));
        promtoolChecksMetrics(response.body());
        return new Scrape(response.body(), parse(response.body()));
    }

    /** Scrapes until the figures satisfy the condition: the gauges read the database at most every 10 seconds. */
    static Scrape scrapeUntil(URL base, Predicate<Scrape> condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Scrape scrape = scrape(base);
        while (!condition.test(scrape)) {
            assertTrue(Instant.now().isBefore(deadline), what + " within 30 s; last scrape:\n" + scrape.text());
            TimeUnit.MILLISECONDS.sleep(500);
            scrape = scrape(base);
        }
        return scrape;
    }

    static void promtoolChecksMetrics(String exposition) throws Exception {
        RequiredTool.require(Files.isExecutable(PROMTOOL), "promtool (Debian package prometheus)");
        Result result = run(exposition, PROMTOOL.toString(), "check", "metrics");
        assertEquals(0, result.exitCode(), "promtool check metrics: " + result.output());
    }

    /**
     * The rules are well formed, and their unit tests beside them ({@code ams-alerts.test.yml}: each alert fires when
     * it should, after its {@code for}, with its summary, and not otherwise) pass.
     */
    static void promtoolChecksRules(Path rules) throws Exception {
        RequiredTool.require(Files.isExecutable(PROMTOOL), "promtool (Debian package prometheus)");
        Result result = run("", PROMTOOL.toString(), "check", "rules", rules.toString());
        assertEquals(0, result.exitCode(), "promtool check rules: " + result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
        Path tests = rules.resolveSibling(rules.getFileName().toString().replace(".yml", ".test.yml"));
        assertTrue(Files.isRegularFile(tests), "the rules' unit tests: " + tests);
        Result tested = run("", PROMTOOL.toString(), "test", "rules", tests.toString());
        assertEquals(0, tested.exitCode(), "promtool test rules: " + tested.output());
        assertTrue(tested.output().contains("SUCCESS"), tested.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return new Result(process.exitValue(), output);
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( \\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /**
     * The samples of an exposition promtool has accepted: comment lines skipped, label values unescaped. Enough for
     * the lines the registry writes, not a general parser.
     */
    static List<Sample> parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "a sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                String text = sample.group(3);
                Matcher label = LABEL.matcher(text);
                int end = 0;
                while (end < text.length() && label.region(end, text.length()).lookingAt()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                            .replace("\\\\", "\\"));
                    end = label.end();
                }
                assertEquals(text.length(), end, "labels of " + line);
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4)
                    .replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))));
        }
        return samples;
    }

    /** The administrator adds a registration key for the tenant in the console; returns the key shown once. */
    static String registrationKey(URL base, String tenant) {
        Browser browser = Browser.shared();
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        AgentRegistrationPage page = new ConsoleSetup(browser, base, Browser.sharedDownloads()).agentRegistration();
        String key = page.addKey(tenant, "Metrics IT " + tenant, null, false);
        new AgentRegistrationPage(browser).confirmKeyCopied();
        return key;
    }

    /** A new device whose real agent registers with the key. */
    static AgentDevice registeredAgent(String key, String name) throws Exception {
        AgentDevice agent = new AgentDevice(Files.createTempDirectory(TestEnvironment.work(), "metrics-agent-"),
                ConsoleSetup.servedFingerprint());
        AgentProcess.Result registered = agent.register(key, name);
        assertEquals(0, registered.exitCode(), registered.output());
        assertTrue(registered.output().contains("(APPROVED)"), registered.output());
        return agent;
    }

    static AgentProcess.Result checkIn(AgentDevice agent, String volumesFile) throws Exception {
        AgentProcess.Result result = agent.checkIn(volumesFile);
        assertEquals(0, result.exitCode(), result.output());
        return result;
    }

    /** A check-in without a device assertion, as a stranger might send one: refused with 401. */
    static void checkInWithoutAssertion(URL base) throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString())
                        .resolve("/api/agent/v1/check-ins")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
    }

    /**
     * Runs the work with {@code ams.metrics.allowed-addresses} set to the value in the server's settings file, then
     * puts the file back as it was.
     */
    static void withAllowList(String value, ThrowingRunnable work) throws Exception {
        Path file = TestEnvironment.dataDirectory().resolve("ams.properties");
        Optional<String> before = Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        try {
            Files.writeString(file, before.map(text -> text.endsWith("\n") || text.isEmpty() ? text : text + "\n")
                    .orElse("") + "ams.metrics.allowed-addresses=" + value + "\n");
            work.run();
        } finally {
            if (before.isPresent()) {
                Files.writeString(file, before.get());
            } else {
                Files.delete(file);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Refused as a scraper from outside the allowed ranges is: 403, and nothing of the metrics. */
    static void refused(URL base) throws Exception {
        HttpResponse<String> response = get(base);
        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("ams_"), response.body());
        assertTrue(response.body().isEmpty(), "no body: " + response.body());
    }
}
