package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ams.it.browser.ApiTokensPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ComputerRulesPage;
import org.ams.it.server.LoadBalancer;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the cluster benchmark. Two servers started with the launcher on one PostgreSQL database (one data grid,
 * as {@link ClusterIT} starts them) behind HAProxy; in the same run, on the same machine:
 * <ul>
 *   <li>check-ins ({@code ams-agent simulate}) sent to one server directly and through the balancer to both, in
 *       alternating rounds: the ratio of their rates and the balancer's and second server's cost per request (on a
 *       2-core machine the point is the overhead, not scaling: both servers and the simulating client share the
 *       cores);</li>
 *   <li>an authorization rule switched on and off on server A's Computers page, and server B's effective-access answer
 *       (REST API) polled until it agrees: how long a rule change takes to count on the other server.</li>
 * </ul>
 * PostgreSQL only. Run with
 * <pre>
 * mvn -B -o -pl src-test-arquillian/postgresql test-compile dependency:copy@deployments \
 *     failsafe:integration-test@it-fresh -Dit.test=ClusterBenchmark
 * </pre>
 * after building the product ({@code mvn -B -DskipTests install}); the name does not end in IT, so
 * {@code mvn verify} leaves it out. {@code -Dams.bench.devices}, {@code -Dams.bench.check-ins},
 * {@code -Dams.bench.rounds} and {@code -Dams.bench.rule-changes} change the amounts.
 */
class ClusterBenchmark {

    private static final int DEVICES = Integer.getInteger("ams.bench.devices", 100);
    private static final int CHECK_INS = Integer.getInteger("ams.bench.check-ins", 10);
    private static final int ROUNDS = Integer.getInteger("ams.bench.rounds", 3);
    private static final int RULE_CHANGES = Integer.getInteger("ams.bench.rule-changes", 20);
    private static final String RULE = "Cluster benchmark rule";
    private static final String HELPDESK_USER = "bench-helpdesk";
    private static final Pattern CHECK_IN = Pattern.compile(
            "check-in \\(nothing to upload\\)\\s+(\\d+) ok\\s+(\\d+) failed\\s+([\\d.]+)/s\\s+p50\\s+([\\d.]+) ms"
                    + "\\s+p99\\s+([\\d.]+) ms");

    /** One simulate run's check-in figures. */
    private record CheckIns(double perSecond, double p50Ms, double p99Ms) {
    }

    @Test
    void checkInsThroughTheBalancerAndRuleChanges() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(TestEnvironment.work()), "cluster-bench-");
        ClusterSettings settings = ClusterSettings.prepare(work);
        try (ServerProcess a = ServerProcess.launch(settings.dataA(), settings.envA(), work.resolve("node-a.log"));
             ServerProcess b = ServerProcess.launch(settings.dataB(), settings.envB(), work.resolve("node-b.log"))) {
            a.awaitReadiness(200);
            b.awaitReadiness(200);
            try (LoadBalancer balancer = LoadBalancer.start(work.resolve("haproxy"), ServerProcess.freePort(),
                    List.of(ClusterSettings.balancerNode("a", a), ClusterSettings.balancerNode("b", b)))) {
                Browser browser = Browser.shared();
                URL consoleOfA = URI.create(a.httpBase()).toURL();
                ConsoleSetup console = new ConsoleSetup(browser, consoleOfA, Browser.sharedDownloads());
                String key = console.readyForAgents("Cluster benchmark");
                String pin = ConsoleSetup.servedFingerprint(a.httpsBase());
                String throughBalancer = "https://localhost:" + balancer.port() + "/";

                // Warm-up of both servers (through the balancer) and of the direct path: not counted.
                simulate(throughBalancer, key, pin, 3);
                simulate(a.httpsBase(), key, pin, 3);
                List<CheckIns> one = new ArrayList<>();
                List<CheckIns> two = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    one.add(simulate(a.httpsBase(), key, pin, CHECK_INS));
                    two.add(simulate(throughBalancer, key, pin, CHECK_INS));
                }
                report(one, two);

                ruleChanges(console, browser, consoleOfA, b);
            }
        }
    }

    private static CheckIns simulate(String server, String key, String pin, int checkIns) throws Exception {
        AgentProcess.Result result = AgentProcess.run("simulate", "--server", server, "--registration-key", key,
                "--pin-sha256", pin, "--devices", String.valueOf(DEVICES), "--check-ins", String.valueOf(checkIns),
                "--keys", "1", "--threads", "16");
        assertEquals(0, result.exitCode(), result.output());
        Matcher line = CHECK_IN.matcher(result.output());
        assertTrue(line.find(), result.output());
        assertEquals("0", line.group(2), result.output());
        return new CheckIns(Double.parseDouble(line.group(3)), Double.parseDouble(line.group(4)),
                Double.parseDouble(line.group(5)));
    }

    private static void report(List<CheckIns> one, List<CheckIns> two) {
        double oneRate = one.stream().mapToDouble(CheckIns::perSecond).average().orElseThrow();
        double twoRate = two.stream().mapToDouble(CheckIns::perSecond).average().orElseThrow();
        double oneP50 = one.stream().mapToDouble(CheckIns::p50Ms).average().orElseThrow();
        double twoP50 = two.stream().mapToDouble(CheckIns::p50Ms).average().orElseThrow();
        double oneP99 = one.stream().mapToDouble(CheckIns::p99Ms).average().orElseThrow();
        double twoP99 = two.stream().mapToDouble(CheckIns::p99Ms).average().orElseThrow();
        System.out.printf("[cluster-bench] check-ins, %d devices x %d, 16 at a time, %d rounds each, alternating:%n",
                DEVICES, CHECK_INS, ROUNDS);
        System.out.printf("[cluster-bench]   one server directly:          %7.1f/s  p50 %6.1f ms  p99 %6.1f ms  %s%n",
                oneRate, oneP50, oneP99, rates(one));
        System.out.printf("[cluster-bench]   two servers through HAProxy:  %7.1f/s  p50 %6.1f ms  p99 %6.1f ms  %s%n",
                twoRate, twoP50, twoP99, rates(two));
        System.out.printf("[cluster-bench]   ratio two/one: %.2f; cost per check-in (1000/rate): %.2f ms against "
                + "%.2f ms, %+.2f ms; p50 %+.1f ms%n", twoRate / oneRate, 1000 / twoRate, 1000 / oneRate,
                1000 / twoRate - 1000 / oneRate, twoP50 - oneP50);
    }

    private static String rates(List<CheckIns> runs) {
        return runs.stream().map(run -> String.format("%.0f", run.perSecond())).toList().toString();
    }

    /**
     * Switches the rule on and off on server A's page and measures, from the moment the page answered, until server
     * B's effective-access answer for the rule's user agrees.
     */
    private static void ruleChanges(ConsoleSetup console, Browser browser, URL consoleOfA, ServerProcess b)
            throws Exception {
        console.addHelpdeskAccount(HELPDESK_USER, "Benchmark Helpdesk", "Bench-Helpdesk-Pass-7");
        String computer;
        String computerId;
        try (Connection connection = TestEnvironment.postgresConnection();
             ResultSet device = connection.createStatement().executeQuery(
                     "SELECT name, id FROM device WHERE name LIKE 'SIM-%' ORDER BY name LIMIT 1")) {
            assertTrue(device.next(), "a simulated device");
            computer = device.getString(1);
            computerId = device.getString(2);
        }
        browser.driver().get(consoleOfA + ComputerRulesPage.PATH);
        ComputerRulesPage rules = new ComputerRulesPage(browser).add().target(computer, "Computer " + computer)
                .description(RULE).addEntry(HELPDESK_USER, HELPDESK_USER, true, "Read BitLocker recovery passwords")
                .doneWithPermissions().save();
        browser.driver().get(consoleOfA + ApiTokensPage.PATH);
        ApiTokensPage tokens = new ApiTokensPage(browser);
        tokens.chooseOwner("admin", "admin");
        tokens.scopes("Administer devices and check effective access");
        tokens.note("Cluster benchmark");
        tokens.issue();
        String token = tokens.shownSecret();
        tokens.copied();

        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ask = HttpRequest.newBuilder(URI.create(b.httpBase() + "api/v1/computers/" + computerId
                + "/effective-access?user=" + HELPDESK_USER)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build();
        assertTrue(granted(client, ask), "the new rule counts on server B");
        // What one effective-access answer of server B takes by itself, unchanged rules: the floor of what follows.
        double[] alone = new double[RULE_CHANGES];
        for (int i = 0; i < RULE_CHANGES; i++) {
            long asked = System.nanoTime();
            assertTrue(granted(client, ask));
            alone[i] = (System.nanoTime() - asked) / 1e6;
        }
        Arrays.sort(alone);
        browser.driver().get(consoleOfA + ComputerRulesPage.PATH);
        rules = new ComputerRulesPage(browser);
        double[] delays = new double[RULE_CHANGES];
        boolean expected = true;
        for (int change = 0; change < RULE_CHANGES; change++) {
            expected = !expected;
            rules.toggle(RULE);
            long answered = System.nanoTime();
            long deadline = answered + Duration.ofSeconds(30).toNanos();
            while (granted(client, ask) != expected) {
                assertTrue(System.nanoTime() < deadline, "server B did not see the change within 30 s");
            }
            delays[change] = (System.nanoTime() - answered) / 1e6;
        }
        Arrays.sort(delays);
        System.out.printf("[cluster-bench] a rule switched on server A's page counts on server B after: p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms (%d changes; measured from the page's answer, each poll one "
                        + "effective-access request to B)%n", delays[(int) Math.ceil(0.5 * RULE_CHANGES) - 1],
                delays[(int) Math.ceil(0.99 * RULE_CHANGES) - 1], delays[RULE_CHANGES - 1], RULE_CHANGES);
        System.out.printf("[cluster-bench]   one effective-access answer of server B alone: p50 %.1f ms, p99 %.1f ms%n",
                alone[(int) Math.ceil(0.5 * RULE_CHANGES) - 1], alone[(int) Math.ceil(0.99 * RULE_CHANGES) - 1]);
    }

    private static boolean granted(HttpClient client, HttpRequest ask) throws Exception {
        HttpResponse<String> answer = client.send(ask, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject access = Json.createReader(new StringReader(answer.body())).readObject();
        return access.getBoolean("granted");
    }
}
