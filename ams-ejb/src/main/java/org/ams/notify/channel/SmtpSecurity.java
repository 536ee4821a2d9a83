package org.ams.notify.channel;

/** How the connection to the mail server is protected. */
public enum SmtpSecurity {
    STARTTLS("STARTTLS required (usually port 587)", 587),
    TLS("Implicit TLS (SMTPS, usually port 465)", 465),
    NONE("None: messages and password in clear (only for a relay on this host or network)", 25);

    private final String label;
    private final int usualPort;

    SmtpSecurity(String label, int usualPort) {
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
