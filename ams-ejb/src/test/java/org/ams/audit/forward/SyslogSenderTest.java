package org.ams.audit.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transports against real sockets on 127.0.0.1: what a receiver reads is what RFC 5426, 6587 and 5425 say. */
class SyslogSenderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-29T04:05:06Z");

    private static ScheduledExecutorService watchdog;
    private static ExecutorService receivers;

    @BeforeAll
    static void start() {
        watchdog = Executors.newSingleThreadScheduledExecutor();
        receivers = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        watchdog.shutdownNow();
        receivers.shutdownNow();
    }

    @Test
    @DisplayName("UDP: one datagram per message; a long one is shortened to 2048 octets and keeps its record's number")
    void udp() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, LOOPBACK)) {
            receiver.setSoTimeout(5000);
            SyslogMessage small = message(1, "short");
            SyslogMessage large = message(2, "x".repeat(5000));

            new UdpSyslogSender("127.0.0.1", receiver.getLocalPort()).deliver(List.of(small, large));

            byte[] first = receive(receiver);
            byte[] second = receive(receiver);
            assertArrayEquals(small.toBytes(), first);
            assertEquals(UdpSyslogSender.MAX_DATAGRAM, second.length);
            assertTrue(new String(second, StandardCharsets.UTF_8).contains("seq=\"2\""));
        }
    }

    @Test
    @DisplayName("TCP: octet-counted frames, in order, every byte as formatted; the connection is closed after them")
    void tcp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            Future<List<byte[]>> received = receivers.submit(() -> readFrames(server.accept()));
            List<SyslogMessage> messages = List.of(message(1, "first"), message(2, "zweite Nachricht, ü"),
                    message(3, "x".repeat(10_000)));

            new TcpSyslogSender("127.0.0.1", server.getLocalPort(), null, watchdog).deliver(messages);

            List<byte[]> frames = received.get(10, TimeUnit.SECONDS);
            assertEquals(3, frames.size());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(messages.get(i).toBytes(), frames.get(i), "frame " + i);
            }
            assertTrue(frames.get(2).length > 10_000, "TCP does not shorten");
        }
    }

    @Test
    @DisplayName("TCP: a refused connection fails with a message naming the receiver")
    void tcpRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
            port = closed.getLocalPort();
        }
        TcpSyslogSender sender = new TcpSyslogSender("127.0.0.1", port, null, watchdog);

        IOException failure = assertThrows(IOException.class, () -> sender.deliver(List.of(message(1, "lost?"))));

        assertTrue(failure.getMessage().startsWith("Could not connect to 127.0.0.1:" + port + " over TCP: "),
                failure.getMessage());
    }

    @Test
    @DisplayName("TCP: a receiver that resets the connection with messages unread fails the delivery")
    void tcpReset() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            receivers.submit(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(); // one byte, then away with the rest unread
                    socket.setSoLinger(true, 0);
                }
                return null;
            });
            List<SyslogMessage> many = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                many.add(message(i, "x".repeat(1000)));
            }
            TcpSyslogSender sender = new TcpSyslogSender("127.0.0.1", server.getLocalPort(), null, watchdog);

            assertThrows(IOException.class, () -> sender.deliver(many));
        }
    }

    @Test
    @DisplayName("TLS: with the receiver's CA pinned, the frames arrive over TLS")
    void tls() throws Exception {
        Receiver receiver = tlsReceiver("127.0.0.1");
        try (SSLServerSocket server = receiver.server()) {
            Future<List<byte[]>> received = receivers.submit(() -> readFrames(server.accept()));
            SyslogTarget target = new SyslogTarget(SyslogTransport.TLS, "127.0.0.1", server.getLocalPort(),
                    SyslogFacility.LOCAL0, "ams", "ams01", pem(receiver.certificate()));
            List<SyslogMessage> messages = List.of(message(1, "over TLS"), message(2, "second"));

            SyslogSender.to(target, watchdog).deliver(messages);

            List<byte[]> frames = received.get(10, TimeUnit.SECONDS);
            assertEquals(2, frames.size());
            assertArrayEquals(messages.get(0).toBytes(), frames.get(0));
            assertArrayEquals(messages.get(1).toBytes(), frames.get(1));
        }
    }

    @Test
    @DisplayName("TLS: a certificate signed by another CA is refused, and so is the JVM's trust store for a "
            + "self-signed receiver; nothing is sent")
    void tlsUntrusted() throws Exception {
        Receiver receiver = tlsReceiver("127.0.0.1");
        Receiver stranger = tlsReceiver("127.0.0.1");
        try (SSLServerSocket server = receiver.server()) {
            receivers.submit(() -> readFrames(server.accept()));
            receivers.submit(() -> readFrames(server.accept()));
            SyslogTarget otherCa = new SyslogTarget(SyslogTransport.TLS, "127.0.0.1", server.getLocalPort(),
                    SyslogFacility.LOCAL0, "ams", "", pem(stranger.certificate()));
            SyslogTarget jvmTrust = new SyslogTarget(SyslogTransport.TLS, "127.0.0.1", server.getLocalPort(),
                    SyslogFacility.LOCAL0, "ams", "", "");

            IOException refused = assertThrows(IOException.class,
                    () -> SyslogSender.to(otherCa, watchdog).deliver(List.of(message(1, "secret?"))));
            assertThrows(IOException.class,
                    () -> SyslogSender.to(jvmTrust, watchdog).deliver(List.of(message(1, "secret?"))));

            assertTrue(refused.getMessage().startsWith("The TLS handshake with 127.0.0.1:" + server.getLocalPort()
                    + " over TLS failed"), refused.getMessage());
        }
    }

    @Test
    @DisplayName("TLS: a trusted certificate issued for another name is refused (host name verification)")
    void tlsWrongName() throws Exception {
        Receiver receiver = tlsReceiver("192.0.2.99");
        try (SSLServerSocket server = receiver.server()) {
            receivers.submit(() -> readFrames(server.accept()));
            SyslogTarget target = new SyslogTarget(SyslogTransport.TLS, "127.0.0.1", server.getLocalPort(),
                    SyslogFacility.LOCAL0, "ams", "", pem(receiver.certificate()));

            IOException refused = assertThrows(IOException.class,
                    () -> SyslogSender.to(target, watchdog).deliver(List.of(message(1, "to whom?"))));

            assertTrue(refused.getMessage().contains("issued for 127.0.0.1"), refused.getMessage());
        }
    }

    private static SyslogMessage message(long sequence, String details) {
        return SyslogMessage.of(new ForwardedRecord(sequence, "f".repeat(64), TIME, "alice", "test.sent", "Device",
                null, "PC-" + sequence, details, null, null, null, null, null, null, null),
                SyslogFacility.LOCAL0, "ams01", "ams");
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    /** Reads {@code MSG-LEN SP SYSLOG-MSG} frames until the sender closes, then closes too. */
    static List<byte[]> readFrames(Socket socket) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
            socket.setSoTimeout(10_000);
            while (true) {
                int length = frameLength(in);
                if (length < 0) {
                    return frames;
                }
                byte[] frame = new byte[length];
                in.readFully(frame);
                frames.add(frame);
            }
        }
    }

    /** The MSG-LEN before the space, or -1 at the end of the stream. */
    private static int frameLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (digits.size() == 0) {
                    return -1;
                }
                throw new EOFException("The stream ended inside a frame length");
            }
            if (b == ' ') {
                return Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
            }
            if (b < '0' || b > '9') {
                throw new IOException("Not an octet-counted frame: byte " + b);
            }
            digits.write(b);
        }
    }

    private record Receiver(SSLContext context, X509Certificate certificate) {
        SSLServerSocket server() throws IOException {
            return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, LOOPBACK);
        }
    }

    /** A receiver with a self-signed certificate (its own CA) issued for the given IP address. */
    private static Receiver tlsReceiver(String ipAddress) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=syslog-receiver-" + System.nanoTime());
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                        java.util.Date.from(Instant.now().minusSeconds(60)),
                        java.util.Date.from(Instant.now().plus(Duration.ofDays(1))), name, pair.getPublic())
                        .addExtension(Extension.subjectAlternativeName, false,
                                new GeneralNames(new GeneralName(GeneralName.iPAddress, ipAddress)))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("receiver", pair.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new Receiver(context, certificate);
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
