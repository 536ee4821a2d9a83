package org.ams.identity.ldap;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ams.identity.IdentityException;

/**
 * How to reach and read one LDAP directory or Active Directory domain. Every rule about what makes a usable
 * configuration lives here, with messages an administrator can act on; the bind password is not part of it (it is
 * sealed separately and never travels with the settings).
 *
 * @param url                  {@code ldaps://dc1.corp.example:636} or {@code ldap://dc1.corp.example:389}
 * @param security             how the connection is encrypted
 * @param trustedCertificates  PEM certificates to trust for this directory (its CA, or its own self-signed
 *                             certificate); empty to trust the JVM's default CAs
 * @param bindDn               the account AMS searches with, e.g. {@code CN=ams-reader,OU=Service,DC=corp,DC=example}
 * @param userBase             where users are searched
 * @param groupBase            where groups are searched
 * @param userAttribute        the attribute people sign in with: sAMAccountName, userPrincipalName, uid, ...
 * @param membership           how nested group membership is resolved
 * @param stableId             the attribute that identifies users and groups across renames
 * @param connectTimeoutMillis how long to wait for a connection
 * @param responseTimeoutMillis how long to wait for each answer
 */
public record LdapSettings(String url, Security security, String trustedCertificates, String bindDn, String userBase,
                           String groupBase, String userAttribute, Membership membership, StableId stableId,
                           int connectTimeoutMillis, int responseTimeoutMillis) {

    public static final int MAX_TIMEOUT_MILLIS = 60_000;
    public static final int MIN_TIMEOUT_MILLIS = 100;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");

    /** How the connection to the directory is protected. */
    public enum Security {
        LDAPS("LDAPS (ldaps://, usually port 636)"),
        STARTTLS("StartTLS (ldap://, usually port 389)"),
        NONE("None: bind passwords and user passwords cross the network in clear (test labs only)");

        private final String label;

        Security(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How AMS finds every group a user belongs to, nested groups included. */
    public enum Membership {
        /** One query with Active Directory's LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941). */
        AD_IN_CHAIN("Active Directory in-chain rule (1.2.840.113556.1.4.1941)"),
        /** Any LDAP server: look up the groups whose member (or uniqueMember) is the user, then theirs, and so on. */
        MEMBER_WALK("Walk member / uniqueMember (any LDAP server)");

        private final String label;

        Membership(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The attribute that identifies a user or group for good, whatever it is renamed to. */
    public enum StableId {
        OBJECT_GUID("objectGUID", "objectGUID (Active Directory)"),
        OBJECT_SID("objectSid", "objectSid (Active Directory)"),
        ENTRY_UUID("entryUUID", "entryUUID (OpenLDAP, 389 Directory Server, ...)"),
        DN(null, "Distinguished name (changes when the entry is renamed or moved)");

        private final String attribute;
        private final String label;

        StableId(String attribute, String label) {
            this.attribute = attribute;
            this.label = label;
        }

        /** The LDAP attribute to read, or {@code null} for the DN. */
        public String attribute() {
            return attribute;
        }

        public String label() {
            return label;
        }
    }

    public LdapSettings {
        url = trimmed(url);
        trustedCertificates = trimmed(trustedCertificates);
        bindDn = trimmed(bindDn);
        userBase = trimmed(userBase);
        groupBase = trimmed(groupBase);
        userAttribute = trimmed(userAttribute);
        require(security != null, "Choose how the connection is encrypted.");
        require(membership != null, "Choose how group membership is resolved.");
        require(stableId != null, "Choose the attribute that identifies users and groups.");
        checkUrl(url, security);
        require(!bindDn.isEmpty(), "Enter the distinguished name of the account AMS searches the directory with.");
        require(bindDn.length() <= 1024, "The bind DN has at most 1024 characters.");
        require(!userBase.isEmpty(), "Enter where users are searched (the user search base).");
        require(!groupBase.isEmpty(), "Enter where groups are searched (the group search base).");
        require(userBase.length() <= 1024 && groupBase.length() <= 1024, "A search base has at most 1024 characters.");
        require(ATTRIBUTE_NAME.matcher(userAttribute).matches(),
                "The user name attribute must be an attribute name such as sAMAccountName, userPrincipalName or uid.");
        require(connectTimeoutMillis >= MIN_TIMEOUT_MILLIS && connectTimeoutMillis <= MAX_TIMEOUT_MILLIS
                        && responseTimeoutMillis >= MIN_TIMEOUT_MILLIS && responseTimeoutMillis <= MAX_TIMEOUT_MILLIS,
                "Time-outs must be between " + MIN_TIMEOUT_MILLIS + " ms and " + MAX_TIMEOUT_MILLIS / 1000 + " s.");
        if (!trustedCertificates.isEmpty()) {
            certificates(trustedCertificates);
        }
    }

    /** The trusted certificates, parsed; an administrator who pasted something else hears so. */
    public List<X509Certificate> certificates() {
        return trustedCertificates.isEmpty() ? List.of() : certificates(trustedCertificates);
    }

    private static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).collect(Collectors.toList());
            require(!parsed.isEmpty(), "The trusted certificate field holds no PEM certificate.");
            return parsed;
        } catch (CertificateException e) {
            throw new InvalidLdapSettingsException("The trusted certificate field must hold PEM certificates "
                    + "(-----BEGIN CERTIFICATE----- ...).");
        }
    }

    private static void checkUrl(String url, Security security) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidLdapSettingsException("The server URL is not a URL; write it like "
                    + "ldaps://dc1.corp.example:636.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        require(scheme.equals("ldap") || scheme.equals("ldaps"),
                "The server URL must start with ldaps:// or ldap://, e.g. ldaps://dc1.corp.example:636.");
        require(uri.getHost() != null && !uri.getHost().isEmpty(), "The server URL needs a host name.");
        require((uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                && uri.getQuery() == null, "The server URL is only scheme, host and port; enter the search bases in "
                + "their own fields.");
        require(scheme.equals("ldaps") == (security == Security.LDAPS),
                "An ldaps:// URL goes with LDAPS encryption, an ldap:// URL with StartTLS (or none).");
    }

    public String host() {
        return URI.create(url).getHost();
    }

    public int port() {
        int port = URI.create(url).getPort();
        return port > 0 ? port : security == Security.LDAPS ? 636 : 389;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidLdapSettingsException(message);
        }
    }

    /** Directory settings that cannot work; the message says which field to change. */
    public static class InvalidLdapSettingsException extends IdentityException {
        public InvalidLdapSettingsException(String message) {
            super(message);
        }
    }
}
