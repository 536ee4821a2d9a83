package org.ams.audit.forward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The single row of Settings / Audit forwarding: whether audit records are forwarded, and where to. */
@Entity
@Table(name = "audit_forwarding_settings")
public class AuditForwardingSettings {

    static final int SINGLETON = 1;

    @Id
    private int id;

    @Column(nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private SyslogTransport transport;

    @Column(length = 255)
    private String host;

    @Column(nullable = false)
    private int port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SyslogFacility facility;

    @Column(name = "app_name", nullable = false, length = 48)
    private String appName;

    @Column(length = 255)
    private String hostname;

    @Column(name = "trusted_ca_pem", length = SyslogTarget.MAX_PEM)
    private String trustedCaPem;

    @Column(name = "changed_at")
    private OffsetDateTime changedAt;

    @Version
    private long version;

    protected AuditForwardingSettings() {
    }

    void change(boolean enabled, SyslogTarget target) {
        this.enabled = enabled;
        this.transport = target.transport();
        this.host = target.host();
        this.port = target.port();
        this.facility = target.facility();
        this.appName = target.appName();
        this.hostname = target.hostname().isEmpty() ? null : target.hostname();
        this.trustedCaPem = target.trustedCaPem().isEmpty() ? null : target.trustedCaPem();
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The destination, or empty while none was ever saved (the row as migration V14 leaves it). */
    public java.util.Optional<SyslogTarget> target() {
        return host == null ? java.util.Optional.empty() : java.util.Optional.of(
                new SyslogTarget(transport, host, port, facility, appName, hostname, trustedCaPem));
    }

    public boolean isEnabled() {
        return enabled;
    }

    public SyslogTransport getTransport() {
        return transport;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public SyslogFacility getFacility() {
        return facility;
    }

    public String getAppName() {
        return appName;
    }

    public String getHostname() {
        return hostname;
    }

    public String getTrustedCaPem() {
        return trustedCaPem;
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public long getVersion() {
        return version;
    }
}
