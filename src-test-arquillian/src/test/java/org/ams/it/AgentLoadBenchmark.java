package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ams.it.browser.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test: the agent load benchmark. Prepares a fresh server through the console, then runs
 * {@code ams-agent simulate} against it and prints its figures. Run it on both databases with
 * <pre>
 * mvn -B -pl src-test-arquillian/h2,src-test-arquillian/postgresql -am verify -Dit.test=AgentLoadBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dams.bench.devices=200
 * </pre>
 * (the name does not end in IT, so {@code mvn verify} leaves it out).
 */
@ExtendWith(ArquillianExtension.class)
class AgentLoadBenchmark {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.amsWar();
    }

    @Test
    void simulateAgents() throws Exception {
        Path downloads = Files.createTempDirectory(Files.createDirectories(TestEnvironment.work()), "bench-");
        String key;
        try (Browser browser = Browser.start(downloads)) {
            key = new ConsoleSetup(browser, base, downloads).readyForAgents("Load benchmark");
        }
        String devices = System.getProperty("ams.bench.devices", "200");
        AgentProcess.Result result = AgentProcess.run("simulate", "--server", ConsoleSetup.httpsServer(),
                "--registration-key", key, "--pin-sha256", ConsoleSetup.servedFingerprint(), "--devices", devices,
                "--check-ins", System.getProperty("ams.bench.check-ins", "5"), "--keys", "2", "--threads",
                System.getProperty("ams.bench.threads", "16"));
        System.out.println("AMS agent load on " + TestEnvironment.database() + " (" + devices + " devices):\n"
                + result.output());
        assertEquals(0, result.exitCode(), result.output());
    }
}
