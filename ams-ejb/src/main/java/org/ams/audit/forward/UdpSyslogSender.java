package org.ams.audit.forward;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Syslog over UDP (RFC 5426): one datagram per message. UDP has no acknowledgement, so a message the network drops is
 * lost; TCP or TLS are for receivers that must see every record.
 */
public class UdpSyslogSender implements SyslogSender {

    /**
     * The largest datagram sent: RFC 5426 (section 3.2) says receivers should accept 2048 octets. A longer message is
     * shortened by {@link SyslogMessage#toBytes(int)}, its sequence number and hash always kept.
     */
    public static final int MAX_DATAGRAM = 2048;

    private final String host;
    private final int port;

    public UdpSyslogSender(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void deliver(List<SyslogMessage> messages) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("The syslog host " + host + " is unknown.");
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            for (SyslogMessage message : messages) {
                byte[] datagram = message.toBytes(MAX_DATAGRAM);
                socket.send(new DatagramPacket(datagram, datagram.length, address, port));
            }
        } catch (IOException e) {
            throw new IOException("Sending to " + host + ":" + port + " over UDP failed: " + e.getMessage(), e);
        }
    }
}
