package org.ams.web.admin.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import org.ams.audit.forward.AuditForwarding;
import org.ams.audit.forward.AuditForwardingException;
import org.ams.audit.forward.AuditForwardingSettings;
import org.ams.audit.forward.ForwardingStatus;
import org.ams.audit.forward.SyslogFacility;
import org.ams.audit.forward.SyslogTarget;
import org.ams.audit.forward.SyslogTransport;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs {@code admin/settings/audit-forwarding.xhtml}: the syslog receiver, forwarding on or off, how forwarding is
 * doing (last success, last error, backlog) and "Send test message".
 */
@Named
@ViewScoped
public class AuditForwardingBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditForwarding forwarding;

    private boolean enabled;
    private SyslogTransport transport;
    private String host;
    private Integer port;
    private SyslogFacility facility;
    private String appName;
    private String hostname;
    private String trustedCaPem;
    private long version;
    private ForwardingStatus status;

    private String testResult;
    private String testProblem;

    @PostConstruct
    void load() {
        AuditForwardingSettings current = forwarding.current();
        enabled = current.isEnabled();
        transport = current.getTransport();
        host = current.getHost();
        port = current.getPort();
        facility = current.getFacility();
        appName = current.getAppName();
        hostname = current.getHostname();
        trustedCaPem = current.getTrustedCaPem();
        version = current.getVersion();
    }

    public void save() {
        try {
            SyslogTarget target = new SyslogTarget(transport, host, port == null ? 0 : port, facility, appName,
                    hostname, trustedCaPem);
            AuditForwardingSettings saved = forwarding.change(version, enabled, target);
            version = saved.getVersion();
            PageMessages.info(enabled ? "Audit forwarding was saved and is on; new audit records go to "
                    + target.host() + ":" + target.port() + "." : "Audit forwarding was saved and is off.");
        } catch (AuditForwardingException e) {
            PageMessages.error(e.getMessage());
        }
        status = null;
    }

    public void sendTest() {
        testResult = null;
        testProblem = null;
        try {
            testResult = forwarding.sendTest();
        } catch (AuditForwardingException e) {
            testProblem = e.getMessage();
        }
        status = null;
    }

    /** Re-reads the status (the page polls it). */
    public void refresh() {
        status = null;
    }

    public ForwardingStatus getStatus() {
        if (status == null) {
            status = forwarding.status();
        }
        return status;
    }

    public String time(OffsetDateTime time) {
        return time == null ? "never" : UtcTime.second(time);
    }

    public List<SyslogTransport> getTransports() {
        return List.of(SyslogTransport.values());
    }

    public List<SyslogFacility> getFacilities() {
        return List.of(SyslogFacility.values());
    }

    public int getMaxPem() {
        return SyslogTarget.MAX_PEM;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public SyslogTransport getTransport() {
        return transport;
    }

    public void setTransport(SyslogTransport transport) {
        this.transport = transport;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public SyslogFacility getFacility() {
        return facility;
    }

    public void setFacility(SyslogFacility facility) {
        this.facility = facility;
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public String getTrustedCaPem() {
        return trustedCaPem;
    }

    public void setTrustedCaPem(String trustedCaPem) {
        this.trustedCaPem = trustedCaPem;
    }

    public String getTestResult() {
        return testResult;
    }

    public String getTestProblem() {
        return testProblem;
    }
}
