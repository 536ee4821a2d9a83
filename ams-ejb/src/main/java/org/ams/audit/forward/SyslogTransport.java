package org.ams.audit.forward;

/** How syslog messages travel to the receiver. */
public enum SyslogTransport {
    TLS("TLS (RFC 5425, usually port 6514)", 6514),
    TCP("TCP (RFC 6587 octet counting, usually port 514): messages cross the network in clear", 514),
    UDP("UDP (RFC 5426, usually port 514): in clear, and a datagram lost on the way is lost for good", 514);

    private final String label;
    private final int usualPort;

    SyslogTransport(String label, int usualPort) {
        this.label = label;
        this.usualPort = usualPort;
    }

    public String label() {
        return label;
    }

    public int usualPort() {
        return usualPort;
    }
}
