package org.ams.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load balancer from Debian in front of several AMS servers, as README's cluster section sets it up. HAProxy: TLS
 * passes through (mode tcp) to every node's HTTPS port, which all present the same certificate, so agents pin one
 * fingerprint; each node is health-checked on {@code /health/ready} over its plain HTTP port, and a connection that
 * cannot reach a node is sent to another one. nginx ({@link #startNginx}): its stream module passes TLS through,
 * sticky by the client's address; with no active health check, a node whose port refuses is skipped.
 */
public final class LoadBalancer implements AutoCloseable {

    /** One AMS server behind the balancer. */
    public record Node(String name, int httpsPort, int httpPort) {
    }

    private final Process process;
    private final Path log;
    private final int port;
    private final String what;

    private LoadBalancer(Process process, Path log, int port, String what) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.what = what;
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
        // Debian puts it in /usr/sbin, which a non-root PATH may lack.
        String haproxy = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        return start(directory, port, "haproxy", config.toString(), "HAProxy (Debian package haproxy)",
                file -> List.of(haproxy, "-db", "-f", file.toString()));
    }

    /**
     * nginx with README's stream set-up (Debian's nginx-light and libnginx-mod-stream): TLS passed through, sticky by
     * source address ({@code hash $remote_addr consistent}), a node skipped for 10 s after two refused connections.
     * In the foreground, its error log (which names every connection a node refused) on its output.
     */
    public static LoadBalancer startNginx(Path directory, int port, List<Node> nodes) {
        StringBuilder config = new StringBuilder("""
                load_module /usr/lib/nginx/modules/ngx_stream_module.so;
                daemon off;
                pid %s;
                error_log stderr info;
                events {
                    worker_connections 512;
                }
                stream {
                    upstream ams {
                        hash $remote_addr consistent;
                """.formatted(directory.resolve("nginx.pid")));
        for (Node node : nodes) {
            config.append("        server 127.0.0.1:").append(node.httpsPort())
                    .append(" max_fails=2 fail_timeout=10s;\n");
        }
        config.append("""
                    }
                    server {
                        listen 127.0.0.1:%d;
                        proxy_pass ams;
                        proxy_connect_timeout 2s;
                    }
                }
                """.formatted(port));
        return start(directory, port, "nginx", config.toString(),
                "nginx (Debian packages nginx-light and libnginx-mod-stream)",
                file -> List.of("/usr/sbin/nginx", "-p", directory.toString(), "-e", "stderr", "-c", file.toString()));
    }

    private static LoadBalancer start(Path directory, int port, String name, String config, String what,
                                      java.util.function.Function<Path, List<String>> command) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".conf");
            Files.writeString(file, config);
            Path log = directory.resolve(name + ".log");
            Process process = new ProcessBuilder(command.apply(file))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LoadBalancer balancer = new LoadBalancer(process, log, port, what);
            balancer.awaitListening();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be started", e);
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
                    throw new IllegalStateException(what + " did not listen on port " + port + ":\n" + log());
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
