package org.ams.audit.forward;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Syslog over TCP with octet-counting framing ({@code MSG-LEN SP SYSLOG-MSG}, RFC 6587 section 3.4.1), and over TLS
 * with the same framing (RFC 5425). TLS checks the receiver's certificate against the pinned CA or the JVM's trust
 * store, and that it was issued for the host name or address AMS connects to.
 * <p>
 * Each call opens a connection, writes the messages, half-closes and waits briefly for the receiver to close its side.
 * A receiver that crashed with messages unread answers with a reset, which fails the call, so the forwarder sends
 * those records again instead of counting them as delivered. A receiver that keeps the connection open is taken to
 * have the messages once the wait runs out: syslog has no acknowledgement to wait for.
 */
public class TcpSyslogSender implements SyslogSender {

    /** How long the TLS handshake may wait for an answer, and the receiver to close after the last message. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService watchdog;

    /** @param tls {@code null} for plain TCP */
    public TcpSyslogSender(String host, int port, SSLSocketFactory tls, ScheduledExecutorService watchdog) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.watchdog = watchdog;
    }

    /** @param trustedCa the only CA to trust, or {@code null} for the JVM's trust store */
    public static SSLSocketFactory tls(X509Certificate trustedCa) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trustedCa == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            try {
                anchors.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            anchors.setCertificateEntry("ca", trustedCa);
            trust.init(anchors);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Override
    public void deliver(List<SyslogMessage> messages) throws IOException {
        String receiver = host + ":" + port + (tls == null ? " over TCP" : " over TLS");
        Socket plain = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> guard = null;
        try {
            try {
                plain.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            } catch (UnknownHostException e) {
                throw new Described("The syslog host " + host + " is unknown.", e);
            } catch (SocketTimeoutException e) {
                throw new Described("Connecting to " + receiver + " timed out after "
                        + CONNECT_TIMEOUT.toSeconds() + " s.", e);
            } catch (IOException e) {
                throw new Described("Could not connect to " + receiver + ": " + e.getMessage(), e);
            }
            plain.setSoTimeout((int) READ_TIMEOUT.toMillis());
            guard = watchdog.schedule(() -> {
                expired.set(true);
                closeQuietly(plain);
            }, WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Socket socket = tls == null ? plain : handshake(plain, receiver);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            for (SyslogMessage message : messages) {
                byte[] bytes = message.toBytes();
                out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
            }
            out.flush();
            awaitClose(socket);
        } catch (Described e) {
            throw e;
        } catch (IOException e) {
            if (expired.get()) {
                throw new IOException("Sending to " + receiver + " took longer than " + WRITE_TIMEOUT.toSeconds()
                        + " s; the receiver does not read.", e);
            }
            throw new IOException("Sending to " + receiver + " failed: " + e.getMessage(), e);
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            closeQuietly(plain);
        }
    }

    private SSLSocket handshake(Socket plain, String receiver) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        // Without this, any certificate the trust anchors signed would do, whoever it was issued to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        try {
            socket.startHandshake();
        } catch (SSLException e) {
            throw new Described("The TLS handshake with " + receiver + " failed (is its certificate trusted and "
                    + "issued for " + host + "?): " + e.getMessage(), e);
        }
        return socket;
    }

    /**
     * Half-closes and reads until the receiver closes too. A reset here means the receiver went away with messages
     * unread; silence until the time-out is taken as delivery.
     */
    private static void awaitClose(Socket socket) throws IOException {
        socket.shutdownOutput();
        InputStream in = socket.getInputStream();
        byte[] ignored = new byte[512];
        try {
            while (in.read(ignored) >= 0) {
                // A syslog receiver sends nothing; whatever it does send is of no interest.
            }
        } catch (SocketTimeoutException stillOpen) {
            // Delivered as far as TCP can tell.
        }
    }

    /** A failure whose message already names the receiver. */
    private static final class Described extends IOException {
        private static final long serialVersionUID = 1L;

        Described(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the socket is abandoned either way.
        }
    }
}
