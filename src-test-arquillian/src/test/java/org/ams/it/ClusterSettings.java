package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ams.it.server.LoadBalancer;

/**
 * What two AMS servers of one cluster are started with, as README's cluster section says: each its own data
 * directory, both the same PostgreSQL database (the module's test database), master key and TLS key store, and one
 * data grid of the two ({@code AMS_CLUSTER_MEMBERS}); each server keeps its ports and name across restarts.
 *
 * @param dataA  node A's data directory
 * @param dataB  node B's data directory
 * @param shared the settings both servers share
 * @param envA   node A's environment: the shared settings with its own ports and name
 * @param envB   node B's environment
 */
record ClusterSettings(Path dataA, Path dataB, Map<String, String> shared, Map<String, String> envA,
                       Map<String, String> envB) {

    static ClusterSettings prepare(Path work) throws Exception {
        Path dataA = work.resolve("node-a");
        Path dataB = work.resolve("node-b");
        shareTlsKeyStore(dataA, dataB);
        byte[] masterKey = new SecureRandom().generateSeed(32);
        int gridA = ServerProcess.freePort();
        int gridB = ServerProcess.freePort();
        Map<String, String> shared = Map.of(
                "AMS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty(TestEnvironment.POSTGRES_DATABASE),
                "AMS_DB_USER", TestEnvironment.postgresUser(),
                "AMS_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey),
                "AMS_ADMIN_PASSWORD", TestEnvironment.adminPassword(),
                // Both nodes form one data grid, which keeps the console's sessions (README's cluster section).
                "AMS_CLUSTER_MEMBERS", "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB);
        return new ClusterSettings(dataA, dataB, shared, nodeEnvironment(shared, "node-a", gridA),
                nodeEnvironment(shared, "node-b", gridB));
    }

    /** Both servers started, each ready, and the balancer in front of them. */
    record Started(ServerProcess nodeA, ServerProcess nodeB, LoadBalancer balancer) {
    }

    /**
     * Starts both servers of the build in {@code home} at once (on a database nobody may have migrated yet), waits
     * until each is ready, and puts HAProxy in front of them; agents and the fingerprint check find the balancer
     * through {@link TestEnvironment#HTTPS_PORT} from then on (AgentDevice, ConsoleSetup).
     *
     * @param logSuffix what each server's log file name ends with, e.g. {@code "-older"}
     */
    Started launchBehindBalancer(Path home, Path work, String logSuffix) throws Exception {
        ServerProcess nodeA = ServerProcess.launch(home, dataA, envA, work.resolve("node-a" + logSuffix + ".log"));
        ServerProcess nodeB = ServerProcess.launch(home, dataB, envB, work.resolve("node-b" + logSuffix + ".log"));
        nodeA.awaitReadiness(200);
        nodeB.awaitReadiness(200);
        LoadBalancer balancer = LoadBalancer.start(work.resolve("haproxy"), ServerProcess.freePort(),
                List.of(balancerNode("a", nodeA), balancerNode("b", nodeB)));
        System.setProperty(TestEnvironment.HTTPS_PORT, String.valueOf(balancer.port()));
        return new Started(nodeA, nodeB, balancer);
    }

    /** Closes what a cluster test started, in the order given; what was never started (null) is passed over. */
    static void closeAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable part : started) {
            if (part != null) {
                part.close();
            }
        }
    }

    /** A server as the balancer's configuration names it. */
    static LoadBalancer.Node balancerNode(String name, ServerProcess server) {
        return new LoadBalancer.Node(name, server.httpsPort(), server.httpPort());
    }

    private static Map<String, String> nodeEnvironment(Map<String, String> shared, String name, int gridPort) {
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("AMS_HTTP_PORT", String.valueOf(ServerProcess.freePort()));
        environment.put("AMS_HTTPS_PORT", String.valueOf(ServerProcess.freePort()));
        environment.put("AMS_CLUSTER_PORT", String.valueOf(gridPort));
        environment.put("AMS_NODE_NAME", name);
        return Map.copyOf(environment);
    }

    /** One TLS key store for both nodes, made once like the launcher makes it: agents pin one fingerprint. */
    private static void shareTlsKeyStore(Path first, Path second) throws Exception {
        Path tls = Files.createDirectories(first.resolve("tls"));
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Files.writeString(tls.resolve("keystore.password"), password);
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-keystore",
                tls.resolve("keystore.p12").toString(), "-storetype", "PKCS12", "-storepass", password,
                "-alias", "ams", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=localhost, O=AMS cluster test", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        Path copy = Files.createDirectories(second.resolve("tls"));
        for (String file : List.of("keystore.p12", "keystore.password")) {
            Files.copy(tls.resolve(file), copy.resolve(file));
        }
    }
}
