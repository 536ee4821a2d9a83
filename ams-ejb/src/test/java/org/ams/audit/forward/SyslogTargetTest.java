package org.ams.audit.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyslogTargetTest {

    @Test
    @DisplayName("A usable destination: defaults filled in, white space trimmed, described without the certificate")
    void valid() {
        SyslogTarget target = new SyslogTarget(SyslogTransport.TCP, " siem.corp.example ", 514,
                SyslogFacility.LOG_AUDIT, "", "", null);

        assertEquals("siem.corp.example", target.host());
        assertEquals("ams", target.appName());
        assertTrue(target.trustedCa().isEmpty());
        assertEquals("TCP to siem.corp.example:514, facility log_audit, app name ams", target.describe());
    }

    @Test
    @DisplayName("Bad input is refused with a sentence naming the field")
    void refused() {
        assertEquals("Enter the host name or IP address of the syslog receiver.", refusal(SyslogTransport.TCP, "  ",
                514, ""));
        assertEquals("The port must be between 1 and 65535; 0 is not.", refusal(SyslogTransport.TCP, "siem", 0, ""));
        assertEquals("The port must be between 1 and 65535; 65536 is not.",
                refusal(SyslogTransport.TCP, "siem", 65536, ""));
        assertTrue(refusal(SyslogTransport.TCP, "tcp://siem:514", 514, "").startsWith("The host must be a host name"));
        assertEquals("Choose the transport: TLS, TCP or UDP.", refusal(null, "siem", 514, ""));
        assertEquals("The CA certificate must be an X.509 certificate in PEM (-----BEGIN CERTIFICATE----- ...).",
                refusal(SyslogTransport.TLS, "siem", 6514, "-----BEGIN CERTIFICATE-----\nnot base64\n"
                        + "-----END CERTIFICATE-----"));
        assertEquals("The CA certificate must be an X.509 certificate in PEM (-----BEGIN CERTIFICATE----- ...).",
                refusal(SyslogTransport.TLS, "siem", 6514, "hello"));
        assertEquals("A CA certificate is only used with TLS; remove it, or choose TLS.",
                refusal(SyslogTransport.UDP, "siem", 514, "hello"));
        assertThrows(AuditForwardingException.class, () -> new SyslogTarget(SyslogTransport.TCP, "siem", 514,
                SyslogFacility.LOCAL0, "two words", "", ""));
        assertThrows(AuditForwardingException.class, () -> new SyslogTarget(SyslogTransport.TCP, "siem", 514,
                SyslogFacility.LOCAL0, "ams", "h".repeat(256), ""));
    }

    private static String refusal(SyslogTransport transport, String host, int port, String pem) {
        return assertThrows(AuditForwardingException.class, () -> new SyslogTarget(transport, host, port,
                SyslogFacility.LOCAL0, "ams", "", pem)).getMessage();
    }
}
