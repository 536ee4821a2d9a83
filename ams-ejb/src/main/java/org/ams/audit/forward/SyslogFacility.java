package org.ams.audit.forward;

/** The syslog facilities of RFC 5424 (section 6.2.1), in code order: {@link #code()} is the ordinal. */
public enum SyslogFacility {
    KERN("kernel messages"),
    USER("user-level messages"),
    MAIL("mail system"),
    DAEMON("system daemons"),
    AUTH("security/authorization messages"),
    SYSLOG("messages generated internally by syslogd"),
    LPR("line printer subsystem"),
    NEWS("network news subsystem"),
    UUCP("UUCP subsystem"),
    CRON("clock daemon"),
    AUTHPRIV("security/authorization messages (private)"),
    FTP("FTP daemon"),
    NTP("NTP subsystem"),
    LOG_AUDIT("log audit"),
    LOG_ALERT("log alert"),
    CLOCK("clock daemon (note 2)"),
    LOCAL0("local use 0"),
    LOCAL1("local use 1"),
    LOCAL2("local use 2"),
    LOCAL3("local use 3"),
    LOCAL4("local use 4"),
    LOCAL5("local use 5"),
    LOCAL6("local use 6"),
    LOCAL7("local use 7");

    private final String description;

    SyslogFacility(String description) {
        this.description = description;
    }

    public int code() {
        return ordinal();
    }

    public String label() {
        return code() + " " + name().toLowerCase(java.util.Locale.ROOT) + " (" + description + ")";
    }
}
