package org.ams.it.upgrade;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.ams.audit.AuditDigest;
import org.ams.audit.AuditEntry;
import org.ams.audit.forward.SyslogFacility;
import org.ams.audit.forward.SyslogTarget;
import org.ams.audit.forward.SyslogTransport;
import org.ams.authz.Permission;
import org.ams.authz.PermissionNames;
import org.ams.notify.channel.SmtpSecurity;
import org.ams.notify.channel.SmtpSettings;
import org.ams.notify.channel.WebhookHeaders;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.channel.WebhookSettings;
import org.ams.protocol.RecoveryPassword;

/**
 * Reads the fixture back with plain JDBC and the product's own classes, outside any server, and checks it against
 * its facts: every recovery password opens with its certificate's key unsealed by the master key and has the
 * expected digest; every sealed setting opens; account passwords match their hashes; the audit chain recomputes
 * link by link; settings pass the product's own validation; every row the facts name is there as described.
 * Each check adds one line to {@link #report()}; the first mismatch throws.
 */
final class FixtureReadback {

    private final Rows rows;
    private final FixtureFacts facts;
    private final FixtureCrypto crypto;
    private final Map<String, String> report = new LinkedHashMap<>();

    FixtureReadback(Connection connection, Path dataDirectory) {
        this.rows = new Rows(connection);
        this.facts = FixtureFacts.read(FixtureFacts.fileFor(dataDirectory));
        this.crypto = FixtureCrypto.forDataDirectory(dataDirectory);
    }

    Map<String, String> report() {
        return report;
    }

    FixtureReadback checkAll() throws Exception {
        secrets();
        recoveryKeys();
        accounts();
        groups();
        sealedSettings();
        registrationKeys();
        devices();
        policies();
        rules();
        settings();
        auditChain();
        return this;
    }

    private void secrets() throws Exception {
        int opened = 0;
        for (String handle : facts.handles("secret")) {
            UUID id = facts.id("secret." + handle + ".id");
            UUID certificateId = rows.single("SELECT certificate_id FROM sealed_secret WHERE id = ?", UUID.class, id);
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(rows.bytes("SELECT certificate_der FROM encryption_certificate "
                            + "WHERE id = ?", certificateId)));
            PrivateKey key = crypto.openPrivateKey(rows.bytes("SELECT sealed_private_key FROM encryption_certificate "
                    + "WHERE id = ?", certificateId));
            RecoveryPassword password = crypto.open(rows.bytes("SELECT envelope FROM sealed_secret WHERE id = ?", id),
                    key, certificate);
            require(FixtureCrypto.digest(password).equals(facts.get("secret." + handle + ".sha256")),
                    "secret " + handle + " opens to another password");
            opened++;
        }
        long stored = rows.single("SELECT COUNT(*) FROM sealed_secret", Long.class);
        require(stored == opened, stored + " sealed secrets stored, " + opened + " known to the facts");
        report.put("recovery passwords opened, digests match", String.valueOf(opened));
    }

    private void recoveryKeys() throws SQLException {
        int checked = 0;
        for (String handle : facts.handles("recovery-key")) {
            String key = "recovery-key." + handle + ".";
            List<String> found = row("SELECT device_id, protector_id, key_id, state, secret_id FROM recovery_key "
                    + "WHERE id = ?", facts.id(key + "id"));
            require(found.equals(List.of(facts.get("device." + facts.get(key + "device") + ".id"),
                    facts.get(key + "protector"), facts.get(key + "key-id"), facts.get(key + "state"),
                    facts.get("secret." + facts.get(key + "secret") + ".id"))), "recovery key " + handle + ": " + found);
            checked++;
        }
        report.put("recovery keys as escrowed (device, protector, key id, state, secret)", String.valueOf(checked));
    }

    private void accounts() throws SQLException {
        int matched = 0;
        for (String handle : facts.handles("account")) {
            String key = "account." + handle + ".";
            List<String> found = row("SELECT username, enabled, password_hash FROM local_account WHERE id = ?",
                    facts.id(key + "id"));
            require(found.get(0).equals(facts.get(key + "username")), "account " + handle + " renamed");
            require(Boolean.parseBoolean(found.get(1)) == facts.flag(key + "enabled"), "account " + handle + " enabled");
            char[] password = opened(key + "password");
            try {
                require(PasswordHashes.matches(password, found.get(2)), "account " + handle + ": password mismatch");
            } finally {
                Arrays.fill(password, '\0');
            }
            matched++;
        }
        report.put("local accounts whose password matches the stored hash", String.valueOf(matched));
    }

    private void groups() throws SQLException {
        int members = 0;
        for (String handle : facts.handles("group")) {
            UUID id = facts.id("group." + handle + ".id");
            List<UUID> accounts = rows.column("SELECT account_id FROM local_group_member WHERE group_id = ?",
                    UUID.class, id);
            List<UUID> expected = facts.list("group." + handle + ".members").stream()
                    .map(member -> facts.id("account." + member + ".id")).toList();
            require(accounts.size() == expected.size() && accounts.containsAll(expected), "group " + handle + " members");
            long grants = rows.single("SELECT COUNT(*) FROM role_grant WHERE principal_kind = 'GROUP' "
                    + "AND principal_id = ?", Long.class, id.toString());
            require(grants == (facts.get("group." + handle + ".roles").isEmpty() ? 0 : 1), "group " + handle + " roles");
            members += accounts.size();
        }
        report.put("local groups (memberships)", facts.handles("group").size() + " (" + members + ")");
    }

    private void sealedSettings() throws SQLException {
        String bind = rows.single("SELECT bind_password_sealed FROM directory_source WHERE id = ?", String.class,
                facts.id("directory-source.corp.id"));
        requireDigest(bind, ProductConstants.BIND_PASSWORD_PURPOSE, "directory-source.corp.bind-password.sha256");
        String smtp = rows.single("SELECT smtp_password_sealed FROM notification_channel WHERE id = ?", String.class,
                facts.id("channel.mail.id"));
        requireDigest(smtp, ProductConstants.SMTP_PASSWORD_PURPOSE, "channel.mail.smtp-password.sha256");
        String headers = rows.single("SELECT webhook_headers_sealed FROM notification_channel WHERE id = ?",
                String.class, facts.id("channel.webhook.id"));
        requireDigest(headers, ProductConstants.WEBHOOK_HEADERS_PURPOSE, "channel.webhook.headers.sha256");
        char[] text = crypto.openText(headers, ProductConstants.WEBHOOK_HEADERS_PURPOSE);
        try {
            require(WebhookHeaders.parse(new String(text)).names().equals(facts.get("channel.webhook.header-names")),
                    "webhook header names");
        } finally {
            Arrays.fill(text, '\0');
        }
        List<String> mail = row("SELECT smtp_host, smtp_port, smtp_security, smtp_username, mail_from, "
                + "mail_recipients, subject_template, body_template FROM notification_channel WHERE id = ?",
                facts.id("channel.mail.id"));
        new SmtpSettings(mail.get(0), Integer.parseInt(mail.get(1)), SmtpSecurity.valueOf(mail.get(2)), mail.get(3),
                mail.get(4), mail.get(5), mail.get(6), mail.get(7));
        List<String> hook = row("SELECT webhook_url, webhook_method, body_template FROM notification_channel "
                + "WHERE id = ?", facts.id("channel.webhook.id"));
        new WebhookSettings(hook.get(0), WebhookMethod.valueOf(hook.get(1)), hook.get(2));
        report.put("master-key sealed settings opened (bind password, SMTP password, webhook headers)", "3");
    }

    private void registrationKeys() throws SQLException {
        for (String handle : facts.handles("registration-key")) {
            String key = "registration-key." + handle + ".";
            List<String> found = row("SELECT key_hash, tenant_id, name FROM registration_key WHERE id = ?",
                    facts.id(key + "id"));
            require(found.get(0).equals(facts.get(key + "key.sha256")), "registration key " + handle + " hash");
            require(found.get(1).equals(facts.get("tenant." + facts.get(key + "tenant") + ".id")),
                    "registration key " + handle + " tenant");
            char[] plain = opened(key + "key");
            try {
                require(FixtureFacts.sha256(plain).equals(found.get(0)), "registration key " + handle + " input");
            } finally {
                Arrays.fill(plain, '\0');
            }
        }
        report.put("registration keys (hash, tenant)", String.valueOf(facts.handles("registration-key").size()));
    }

    private void devices() throws SQLException {
        for (String handle : facts.handles("device")) {
            String key = "device." + handle + ".";
            UUID id = facts.id(key + "id");
            List<String> found = row("SELECT d.name, d.state, d.directory_id FROM device d WHERE d.id = ?", id);
            require(found.equals(List.of(facts.get(key + "name"), facts.get(key + "state"),
                    facts.get("tenant." + facts.get(key + "tenant") + ".directory"))), "device " + handle + ": " + found);
            long groups = rows.single("SELECT COUNT(*) FROM device_group_member WHERE device_id = ?", Long.class, id);
            require(groups == facts.list(key + "groups").size(), "device " + handle + " groups");
        }
        report.put("devices (name, state, directory, groups)", String.valueOf(facts.handles("device").size()));
    }

    private void policies() throws SQLException {
        for (String handle : facts.handles("policy")) {
            String key = "policy." + handle + ".";
            List<String> found = row("SELECT name, enabled, check_in_interval_minutes FROM agent_policy WHERE id = ?",
                    facts.id(key + "id"));
            require(found.equals(List.of(facts.get(key + "name"), facts.get(key + "enabled"), facts.get(key + "interval"))),
                    "policy " + handle + ": " + found);
            if (!handle.equals("default")) {
                long targets = rows.single("SELECT COUNT(*) FROM agent_policy_target WHERE policy_id = ?", Long.class,
                        facts.id(key + "id"));
                require(targets == facts.list(key + "targets").size(), "policy " + handle + " targets");
            }
        }
        report.put("agent policies (name, enabled, interval, targets)", String.valueOf(facts.handles("policy").size()));
    }

    private void rules() throws SQLException {
        PermissionNames names = new PermissionNames();
        int entries = 0;
        for (String handle : facts.handles("rule")) {
            UUID id = facts.id("rule." + handle + ".id");
            require(rows.single("SELECT description FROM authorization_rule WHERE id = ?", String.class, id)
                    .equals(facts.get("rule." + handle + ".description")), "rule " + handle);
            List<String> permissions = rows.column("SELECT permissions FROM authorization_rule_entry WHERE rule_id = ? "
                    + "ORDER BY entry_order", String.class, id);
            require(permissions.size() == facts.number("rule." + handle + ".entries"), "rule " + handle + " entries");
            for (String stored : permissions) {
                require(!names.convertToEntityAttribute(stored).isEmpty(), "rule " + handle + " permissions " + stored);
            }
            entries += permissions.size();
        }
        long channels = rows.single("SELECT COUNT(*) FROM authorization_rule_channel", Long.class);
        require(channels == 2, channels + " rule channels");
        report.put("authorization rules (ACL entries, channels)", facts.handles("rule").size() + " (" + entries
                + ", " + channels + ")");
        report.put("decisions the verifier expects", String.valueOf(facts.handles("decision").size()));
        Objects.requireNonNull(Permission.valueOf(facts.get("decision.01.permission")));
    }

    private void settings() throws SQLException {
        List<String> access = row("SELECT reason_mode, user_per_minute, user_per_hour, user_per_day, "
                + "address_per_minute, address_per_hour, address_per_day FROM access_settings WHERE id = 1");
        require(access.get(0).equals(facts.get("access-settings.reason-mode"))
                && String.join(",", access.subList(1, 7)).equals(facts.get("access-settings.limits")), "access settings");
        List<String> forwarding = row("SELECT enabled, transport, host, port, facility, app_name, hostname, "
                + "trusted_ca_pem FROM audit_forwarding_settings WHERE id = 1");
        new SyslogTarget(SyslogTransport.valueOf(forwarding.get(1)), forwarding.get(2),
                Integer.parseInt(forwarding.get(3)), SyslogFacility.valueOf(forwarding.get(4)), forwarding.get(5),
                forwarding.get(6), forwarding.get(7));
        require(FixtureFacts.sha256(forwarding.get(7)).equals(facts.get("forwarding.ca.sha256")), "pinned CA");
        List<String> rotation = row("SELECT state, total, rewrapped FROM certificate_rotation WHERE id = ?",
                facts.id("rotation.resumed.id"));
        require(rotation.equals(List.of("RUNNING", facts.get("rotation.resumed.total"),
                facts.get("rotation.resumed.rewrapped"))), "rotation " + rotation);
        report.put("settings (access, forwarding with pinned CA, rotation left running)", "3");
    }

    /** Recomputes every record's hash with the product's digest, link by link, up to the head. */
    private void auditChain() throws SQLException {
        String previous = AuditDigest.GENESIS;
        long expected = 1;
        try (PreparedStatement select = rows.connection().prepareStatement("SELECT * FROM audit_event "
                + "ORDER BY sequence_number"); ResultSet found = select.executeQuery()) {
            while (found.next()) {
                require(found.getLong("sequence_number") == expected, "audit record " + expected + " is missing");
                require(previous.equals(found.getString("previous_hash")), "audit link broken at " + expected);
                String channels = found.getString("notification_channels");
                AuditEntry entry = AuditEntry.builder(found.getString("action"), found.getString("target_type"))
                        .target(found.getString("target_id"), found.getString("target_name"))
                        .details(found.getString("details")).clientAddress(found.getString("client_address"))
                        .reason(found.getString("reason")).resultCode(found.getString("result_code"))
                        .permission(found.getString("permission"))
                        .rule(found.getString("rule_id"), found.getString("rule_description"))
                        .notificationChannels(channels == null ? List.of() : List.of(channels.split(", "))).build();
                String hash = FixtureAudit.hashOf(found.getObject("id", UUID.class), expected, previous,
                        found.getObject("occurred_at", OffsetDateTime.class), found.getString("actor"), entry);
                require(hash.equals(found.getString("record_hash")), "audit record " + expected + " was altered");
                previous = hash;
                expected++;
            }
        }
        List<String> head = row("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1");
        require(head.equals(List.of(String.valueOf(expected - 1), previous)), "audit head " + head);
        List<UUID> ids = rows.column("SELECT id FROM audit_event ORDER BY sequence_number", UUID.class);
        List<String> fixtureIds = facts.list("audit.ids");
        require(ids.stream().map(UUID::toString).toList().equals(fixtureIds), "audit records out of order or missing");
        report.put("audit records, chain recomputed intact (written before V9)", (expected - 1) + " ("
                + facts.get("audit.unchained-before-v9") + ")");
    }

    private void requireDigest(String sealed, String purpose, String digestKey) {
        char[] plain = crypto.openText(sealed, purpose);
        try {
            require(FixtureFacts.sha256(plain).equals(facts.get(digestKey)), digestKey + " does not match");
        } finally {
            Arrays.fill(plain, '\0');
        }
    }

    private char[] opened(String key) {
        char[] plain = crypto.openText(facts.get(key + ".sealed"), FixtureFacts.SEALED_PURPOSE);
        require(FixtureFacts.sha256(plain).equals(facts.get(key + ".sha256")), key + " digest");
        return plain;
    }

    /** One row's columns as text (booleans as true/false). */
    private List<String> row(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = rows.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet found = statement.executeQuery()) {
                require(found.next(), "no row for " + sql);
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= found.getMetaData().getColumnCount(); i++) {
                    Object value = found.getObject(i);
                    values.add(value == null ? null : String.valueOf(value));
                }
                return values;
            }
        }
    }

    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("Upgrade fixture read-back failed: " + failure);
        }
    }
}
