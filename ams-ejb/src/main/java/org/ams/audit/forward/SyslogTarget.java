package org.ams.audit.forward;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how audit records are forwarded. Every rule about a usable destination lives here, with messages an
 * administrator can act on.
 *
 * @param transport    UDP, TCP or TLS
 * @param host         the receiver's host name or IP address
 * @param port         its port, 1 to 65535
 * @param facility     the syslog facility of every message
 * @param appName      the APP-NAME field, "ams" when empty
 * @param hostname     the HOSTNAME field; empty for this server's own host name
 * @param trustedCaPem for TLS, the PEM certificate of the CA (or the receiver's own self-signed certificate) to
 *                     trust instead of the JVM's trust store; empty to use the JVM's trust store
 */
public record SyslogTarget(SyslogTransport transport, String host, int port, SyslogFacility facility, String appName,
                           String hostname, String trustedCaPem) {

    public static final String DEFAULT_APP_NAME = "ams";
    public static final int MAX_PEM = 20_000;
    /** A host name (RFC 1123 labels), an IPv4 address or an IPv6 address; no scheme, port or path. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9-]{1,63})*\\.?"
            + "|\\[?[0-9A-Fa-f:.]+]?");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]*");

    public SyslogTarget {
        host = trimmed(host);
        appName = trimmed(appName).isEmpty() ? DEFAULT_APP_NAME : trimmed(appName);
        hostname = trimmed(hostname);
        trustedCaPem = trimmed(trustedCaPem);
        require(transport != null, "Choose the transport: TLS, TCP or UDP.");
        require(facility != null, "Choose the syslog facility.");
        require(!host.isEmpty(), "Enter the host name or IP address of the syslog receiver.");
        require(host.length() <= 255 && HOST.matcher(host).matches(), "The host must be a host name or IP address "
                + "only, such as siem.corp.example or 192.0.2.20, without scheme, port or path.");
        require(port >= 1 && port <= 65535, "The port must be between 1 and 65535; " + port + " is not.");
        require(appName.length() <= SyslogMessage.MAX_APP_NAME && PRINTABLE.matcher(appName).matches(),
                "The application name has at most " + SyslogMessage.MAX_APP_NAME
                        + " characters, letters, digits and punctuation without spaces (RFC 5424 APP-NAME).");
        require(hostname.length() <= SyslogMessage.MAX_HOSTNAME && PRINTABLE.matcher(hostname).matches(),
                "The host name sent in messages has at most " + SyslogMessage.MAX_HOSTNAME
                        + " characters, letters, digits and punctuation without spaces (RFC 5424 HOSTNAME).");
        require(trustedCaPem.length() <= MAX_PEM, "The CA certificate has at most " + MAX_PEM + " characters.");
        if (!trustedCaPem.isEmpty()) {
            require(transport == SyslogTransport.TLS, "A CA certificate is only used with TLS; remove it, or choose "
                    + "TLS.");
            certificate(trustedCaPem);
        }
    }

    /** The pinned CA certificate, or empty to trust the JVM's trust store. */
    public Optional<X509Certificate> trustedCa() {
        return trustedCaPem.isEmpty() ? Optional.empty() : Optional.of(certificate(trustedCaPem));
    }

    /** The HOSTNAME field of the messages: the configured name, or this server's own. */
    public String messageHostname() {
        if (!hostname.isEmpty()) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    /** A line for the audit trail and the page: the destination, never the certificate's text. */
    public String describe() {
        return transport + " to " + host + ":" + port + ", facility " + facility.name().toLowerCase(java.util.Locale.ROOT)
                + ", app name " + appName + (hostname.isEmpty() ? "" : ", host name " + hostname)
                + (transport != SyslogTransport.TLS ? ""
                : trustedCaPem.isEmpty() ? ", trusts the JVM's trust store"
                : ", trusts the CA " + certificate(trustedCaPem).getSubjectX500Principal().getName());
    }

    private static X509Certificate certificate(String pem) {
        try {
            Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            require(parsed.size() == 1, "Paste exactly one CA certificate, in PEM (-----BEGIN CERTIFICATE----- ...).");
            return (X509Certificate) parsed.iterator().next();
        } catch (CertificateException | ClassCastException e) {
            throw new AuditForwardingException("The CA certificate must be an X.509 certificate in PEM "
                    + "(-----BEGIN CERTIFICATE----- ...).");
        }
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AuditForwardingException(message);
        }
    }
}
