package org.ams.audit.forward;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Sends syslog messages to one receiver. Each call is one session (a connection, or a run of datagrams) that ends
 * before the call returns: nothing stays open between the forwarder's passes, and a receiver that restarted is simply
 * connected to again.
 */
public interface SyslogSender {

    Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** For one call's writes together; a receiver that stops reading must not hold the forwarder for ever. */
    Duration WRITE_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Sends the messages in order.
     *
     * @throws IOException when the receiver cannot be reached or did not take every message; the message names the
     *                     receiver and the cause, never message content
     */
    void deliver(List<SyslogMessage> messages) throws IOException;

    /**
     * @param watchdog closes a connection whose writes take longer than {@link #WRITE_TIMEOUT} (plain Java sockets
     *                 have no write time-out of their own)
     */
    static SyslogSender to(SyslogTarget target, ScheduledExecutorService watchdog) {
        return switch (target.transport()) {
            case UDP -> new UdpSyslogSender(target.host(), target.port());
            case TCP -> new TcpSyslogSender(target.host(), target.port(), null, watchdog);
            case TLS -> {
                try {
                    yield new TcpSyslogSender(target.host(), target.port(),
                            TcpSyslogSender.tls(target.trustedCa().orElse(null)), watchdog);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("TLS is not available in this JVM", e);
                }
            }
        };
    }
}
