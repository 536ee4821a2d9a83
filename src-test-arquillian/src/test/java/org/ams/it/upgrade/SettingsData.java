package org.ams.it.upgrade;

import java.sql.SQLException;
import java.util.Base64;
import org.ams.access.ReasonMode;
import org.ams.audit.forward.SyslogFacility;
import org.ams.audit.forward.SyslogTransport;

/**
 * The one-row settings tables, changed from what their migrations insert so that a reset to defaults would show:
 * access request settings (V12) and audit forwarding with a pinned CA certificate and its cursor (V14). Forwarding is
 * configured but switched off, so the upgraded server sends nothing to a receiver that does not exist.
 */
final class SettingsData {

    private SettingsData() {
    }

    /**
     * V12: an optional reason, a help text for denials, and rate limits other than the defaults (higher ones, so the
     * verifier's own requests, made as one in-container user, never hit them).
     */
    static void accessSettings(FixtureContext ctx) throws SQLException {
        String help = "Call the service desk on extension 4711 and quote the computer name.";
        ctx.rows.update("UPDATE access_settings SET reason_mode = ?, denied_help_text = ?, user_per_minute = 40, "
                + "user_per_hour = 400, user_per_day = 1500, address_per_minute = 80, address_per_hour = 800, "
                + "address_per_day = 4000, changed_at = ?, version = 2 WHERE id = 1", ReasonMode.OPTIONAL, help, ctx.now());
        ctx.audited(IdentityData.ACTOR, "settings.user-interface-changed", "AccessSettings", null, "User interface",
                "reason " + ReasonMode.OPTIONAL + ", help text for denials set");
        ctx.audited(IdentityData.ACTOR, "settings.rate-limits-changed", "AccessSettings", null, "Rate limits",
                "per user 40/400/1500, per address 80/800/4000");
        ctx.facts.put("access-settings.reason-mode", ReasonMode.OPTIONAL).put("access-settings.help-text.sha256",
                FixtureFacts.sha256(help)).put("access-settings.limits", "40,400,1500,80,800,4000");
    }

    /** V14: forwarding to a SIEM over TLS with a pinned CA, now off; the cursor says how far it had come. */
    static void auditForwarding(FixtureContext ctx) throws SQLException {
        String pem = pem(ctx.certificates.get("pilot").certificate());
        ctx.rows.update("UPDATE audit_forwarding_settings SET enabled = FALSE, transport = ?, host = ?, port = 6514, "
                        + "facility = ?, app_name = ?, hostname = ?, trusted_ca_pem = ?, changed_at = ?, version = 3 "
                        + "WHERE id = 1", SyslogTransport.TLS, "siem.corp.example", SyslogFacility.AUTHPRIV, "ams-prod",
                "ams01.corp.example", pem, ctx.now());
        long forwarded = ctx.rows.single("SELECT last_sequence FROM audit_chain_head WHERE id = 1", Long.class);
        ctx.rows.update("UPDATE audit_forwarding_cursor SET last_forwarded = ?, failures = 0, last_success_at = ?, "
                + "last_error = ?, last_error_at = ? WHERE id = 1", forwarded, ctx.now(),
                "Connection reset by siem.corp.example:6514", ctx.now());
        ctx.audited(IdentityData.ACTOR, "settings.audit-forwarding-changed", "AuditForwarding", null,
                "Audit forwarding", "off; TLS siem.corp.example:6514, facility AUTHPRIV, pinned CA");
        ctx.facts.put("forwarding.enabled", false).put("forwarding.host", "siem.corp.example")
                .put("forwarding.port", 6514).put("forwarding.transport", SyslogTransport.TLS)
                .put("forwarding.facility", SyslogFacility.AUTHPRIV).put("forwarding.app-name", "ams-prod")
                .put("forwarding.hostname", "ams01.corp.example").put("forwarding.ca.sha256", FixtureFacts.sha256(pem))
                .put("forwarding.last-forwarded", forwarded);
    }

    private static String pem(java.security.cert.X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
