package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from Debian in front of several AMS servers, as README's cluster section sets it up: TLS passes through
 * (mode tcp) to every node's HTTPS port, which all present the same certificate, so agents pin one fingerprint; each
 * node is health-checked on {@code /health/ready} over its plain HTTP port, and a connection that cannot reach a node
 * is sent to another one.
 */
public final class LoadBalancer implements AutoCloseable {

    /** One AMS server behind the balancer. */
    public record Node(String name, int httpsPort, int httpPort) {
    }

    private final Process process;
    private final Path log;
    private final int port;

    private LoadBalancer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static LoadBalancer start(Path directory, int port, List<Node> nodes) {
        return start(directory, port, nodes, "roundrobin");
    }

    /**
     * With the given balancing algorithm, e.g. {@code first}: every connection to the first node that is up, to tell
     * in a test which node a browser's session is made on.
     */
    public static LoadBalancer start(Path directory, int port, List<Node> nodes, String balance) {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 512

                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 3
                    option redispatch

                frontend ams
                    bind 127.0.0.1:%d
                    default_backend nodes

                backend nodes
                    balance %s
                    option httpchk
                    http-check send meth GET uri /health/ready
                """.formatted(port, balance));
        for (Node node : nodes) {
            config.append("    server ").append(node.name()).append(" 127.0.0.1:").append(node.httpsPort())
                    .append(" check port ").append(node.httpPort()).append(" inter 1s fall 2 rise 1\n");
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("haproxy.cfg");
            Files.writeString(file, config);
            Path log = directory.resolve("haproxy.log");
            // Debian puts it in /usr/sbin, which a non-root PATH may lack.
            String haproxy = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
            Process process = new ProcessBuilder(haproxy, "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LoadBalancer balancer = new LoadBalancer(process, log, port);
            balancer.awaitListening();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy could not be started (Debian package haproxy)", e);
        }
    }

    /** Returns once the balancer accepts connections: a browser does not retry a refused one. */
    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("HAProxy did not listen on port " + port + ":\n" + log());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            // Interrupted while it stops: make sure it does, and keep the interruption for the caller.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
