package org.ams.it.upgrade;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.ams.notify.AccessNotification;
import org.ams.notify.channel.ChannelKind;
import org.ams.notify.channel.SmtpSecurity;
import org.ams.notify.channel.SmtpSettings;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.outbox.DeliveryState;

/**
 * V11's notification channels with their credentials sealed under the master key (an SMTP password, webhook headers
 * holding a bearer token), and the outbox with one delivered and one failed message.
 * <p>
 * Chosen so that the upgraded server sends nothing by itself: the mail channel fires only for the laptops rule, the
 * webhook is the global one but switched off, and no outbox entry is left pending.
 */
final class NotificationData {

    static final String WEBHOOK_BODY = """
            {"text": "AMS {{result}}: {{user}} on {{computer}} ({{permission}})", "request": "{{requestId}}"}""";

    private NotificationData() {
    }

    static void channels(FixtureContext ctx) throws SQLException {
        UUID mail = UUID.randomUUID();
        char[] password = FixtureCrypto.newPassword(18);
        ctx.rows.insert("notification_channel", "id", mail, "name", "Security team mail", "kind", ChannelKind.SMTP,
                "enabled", true, "global_channel", false, "deny_on_failure", false, "smtp_host", "smtp.corp.example",
                "smtp_port", 587, "smtp_security", SmtpSecurity.STARTTLS, "smtp_username", "ams-notify",
                "smtp_password_sealed", ctx.crypto.sealText(password, ProductConstants.SMTP_PASSWORD_PURPOSE),
                "mail_from", "ams@corp.example", "mail_recipients", "security@corp.example; helpdesk-leads@corp.example",
                "subject_template", SmtpSettings.DEFAULT_SUBJECT, "webhook_url", null, "webhook_method", null,
                "webhook_headers_sealed", null, "body_template", SmtpSettings.DEFAULT_BODY, "created_at", ctx.now(),
                "version", 0);
        ctx.facts.put("channel.mail.id", mail).put("channel.mail.name", "Security team mail")
                .put("channel.mail.kind", ChannelKind.SMTP).put("channel.mail.enabled", true)
                .put("channel.mail.smtp-password.sha256", FixtureFacts.sha256(password));
        Arrays.fill(password, '\0');
        ctx.audited(IdentityData.ACTOR, "notification-channel.created", "NotificationChannel", mail,
                "Security team mail", "SMTP smtp.corp.example:587, password stored encrypted");

        UUID webhook = UUID.randomUUID();
        char[] headers = ("Authorization: Bearer " + FixtureCrypto.newToken(24) + "\nX-Team: security\n").toCharArray();
        ctx.rows.insert("notification_channel", "id", webhook, "name", "SIEM webhook", "kind", ChannelKind.WEBHOOK,
                "enabled", false, "global_channel", true, "deny_on_failure", true, "smtp_host", null,
                "smtp_port", null, "smtp_security", null, "smtp_username", null, "smtp_password_sealed", null,
                "mail_from", null, "mail_recipients", null, "subject_template", null,
                "webhook_url", "https://siem.corp.example/hooks/ams", "webhook_method", WebhookMethod.POST,
                "webhook_headers_sealed", ctx.crypto.sealText(headers, ProductConstants.WEBHOOK_HEADERS_PURPOSE),
                "body_template", WEBHOOK_BODY, "created_at", ctx.now(), "version", 1);
        ctx.facts.put("channel.webhook.id", webhook).put("channel.webhook.name", "SIEM webhook")
                .put("channel.webhook.kind", ChannelKind.WEBHOOK).put("channel.webhook.enabled", false)
                .put("channel.webhook.header-names", "Authorization, X-Team")
                .put("channel.webhook.headers.sha256", FixtureFacts.sha256(headers));
        Arrays.fill(headers, '\0');
        ctx.audited(IdentityData.ACTOR, "notification-channel.created", "NotificationChannel", webhook,
                "SIEM webhook", "webhook https://siem.corp.example/..., headers Authorization, X-Team stored encrypted");
        ctx.audited(IdentityData.ACTOR, "notification-channel.disabled", "NotificationChannel", webhook,
                "SIEM webhook", null);

        outbox(ctx, "delivered", mail, DeliveryState.DELIVERED, 1, null, "250 2.0.0 Ok: queued");
        outbox(ctx, "failed", mail, DeliveryState.FAILED, 8, "Connection refused: smtp.corp.example:587", null);
    }

    private static void outbox(FixtureContext ctx, String handle, UUID channel, DeliveryState state, int attempts,
                               String error, String outcome) throws SQLException {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = ctx.now();
        AccessNotification notification = new AccessNotification("hugo.helpdesk", "Hugo Helpdesk", "PC-LAPTOP-01",
                "pc-laptop-01.corp.example", "User locked out after a BIOS update", "Success", "Access granted",
                "Helpdesk Team reads the laptops", "Read BitLocker recovery passwords", "192.0.2.21", at.toInstant(),
                String.valueOf(40 + attempts));
        ctx.rows.insert("notification_outbox", "id", id, "channel_id", channel, "channel_name", "Security team mail",
                "request_id", notification.requestId(), "payload", json(notification), "state", state,
                "attempts", attempts, "created_at", at, "next_attempt_at", at.plusMinutes(attempts),
                "claimed_until", null, "claim_token", null, "last_attempt_at", at.plusMinutes(attempts),
                "last_error", error, "last_outcome", outcome, "version", attempts);
        ctx.facts.put("outbox." + handle + ".id", id).put("outbox." + handle + ".state", state);
    }

    /** The outbox's payload: one JSON object keyed by the template variables' names, as the product writes it. */
    private static String json(AccessNotification notification) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        notification.values().forEach((variable, value) -> json.add(variable.templateName(), value));
        return json.build().toString();
    }
}
