package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A syslog receiver on 127.0.0.1 (RFC 6587 over TCP): reads octet-counted frames ({@code MSG-LEN SP SYSLOG-MSG}) from
 * one connection after the other until closed. Runs in the server (AuditLogIT, on the server's executor) or in the
 * test's JVM (NotificationsIT, on a thread of its own, so that it outlives a killed server).
 * <p>
 * {@link #holding} is a receiver that reads every message but, until {@link #release}, does not close its side when
 * the sender has sent the last of a batch (more than one message): AMS's forwarder waits for that close (five seconds,
 * then it takes silence for delivery), so a test can act while a batch is received but not yet confirmed.
 */
final class SyslogReceiver implements AutoCloseable {

    private static final Pattern SEQUENCE = Pattern.compile(" seq=\"(\\d+)\"");

    private final ServerSocket server;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<Socket> held = new ArrayList<>();
    private volatile boolean holding;

    private SyslogReceiver(ServerSocket server) {
        this.server = server;
    }

    /** A receiver on {@code port} (0: any free one) that reads on the given executor. */
    static SyslogReceiver start(int port, ExecutorService executor) throws IOException {
        SyslogReceiver receiver = new SyslogReceiver(bind(port));
        executor.submit(receiver::accept);
        return receiver;
    }

    /** A receiver on {@code port} that reads on a daemon thread of its own. */
    static SyslogReceiver start(int port) throws IOException {
        return onOwnThread(new SyslogReceiver(bind(port)));
    }

    /** A receiver on {@code port}, on a daemon thread of its own, holding connections open (see the class comment). */
    static SyslogReceiver holding(int port) throws IOException {
        SyslogReceiver receiver = new SyslogReceiver(bind(port));
        receiver.holding = true;
        return onOwnThread(receiver);
    }

    private static SyslogReceiver onOwnThread(SyslogReceiver receiver) {
        Thread reader = new Thread(receiver::accept, "syslog-receiver-" + receiver.port());
        reader.setDaemon(true);
        reader.start();
        return receiver;
    }

    /** From now on closes each connection once the sender has sent its last message; closes those it held. */
    void release() throws IOException {
        holding = false;
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
            held.clear();
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    int port() {
        return server.getLocalPort();
    }

    private Void accept() {
        while (!server.isClosed()) {
            Socket socket = null;
            try {
                socket = server.accept();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                socket.setSoTimeout(30_000);
                int received = 0;
                for (int length = length(in); length >= 0; length = length(in)) {
                    byte[] frame = new byte[length];
                    in.readFully(frame);
                    messages.add(new String(frame, StandardCharsets.UTF_8));
                    received++;
                }
                synchronized (held) {
                    if (holding && received > 1) {
                        held.add(socket);
                        socket = null;
                    }
                }
            } catch (IOException closedOrBroken) {
                // Closed by the test, or a connection that broke: the forwarder sends again.
            } finally {
                closeQuietly(socket);
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static int length(DataInputStream in) throws IOException {
        StringBuilder digits = new StringBuilder();
        for (int b = in.read(); b != ' '; b = in.read()) {
            if (b < 0) {
                return -1;
            }
            digits.append((char) b);
        }
        return Integer.parseInt(digits.toString());
    }

    /** The first message received (now or before) that contains the text. */
    String await(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (String message : seen) {
                if (message.contains(text)) {
                    return message;
                }
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            assertTrue(left > 0, "no message with " + text + " in time; received " + seen.size() + " messages");
            String next = messages.poll(left, TimeUnit.MILLISECONDS);
            if (next != null) {
                seen.add(next);
            }
        }
    }

    /** How many of the messages received so far contain the text. */
    long count(String text) {
        messages.drainTo(seen);
        return seen.stream().filter(message -> message.contains(text)).count();
    }

    /** The audit sequence numbers of every message received so far, in the order they came, repeats included. */
    List<Long> sequences() {
        messages.drainTo(seen);
        List<Long> sequences = new ArrayList<>();
        for (String message : seen) {
            Matcher sequence = SEQUENCE.matcher(message);
            if (sequence.find()) {
                sequences.add(Long.parseLong(sequence.group(1)));
            }
        }
        return sequences;
    }

    @Override
    public void close() throws IOException {
        server.close();
        release();
    }
}
