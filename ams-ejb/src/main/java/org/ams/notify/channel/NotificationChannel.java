package org.ams.notify.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.ams.notify.InvalidChannelException;

/**
 * A place notifications about access requests (and, when it takes them, system alerts) go: a mail server with its
 * recipients, or a webhook. Its settings are
 * kept as {@link SmtpSettings} / {@link WebhookSettings} values, so it can only ever hold a usable configuration;
 * its credentials only as sealed text, which only {@link ChannelSecrets} opens.
 */
@Entity
@Table(name = "notification_channel")
@NamedQuery(name = NotificationChannel.BY_NAME, query = "SELECT c FROM NotificationChannel c ORDER BY c.name")
@NamedQuery(name = NotificationChannel.ENABLED_GLOBAL,
        query = "SELECT c FROM NotificationChannel c WHERE c.enabled = TRUE AND c.global = TRUE")
@NamedQuery(name = NotificationChannel.ENABLED_SYSTEM_ALERTS,
        query = "SELECT c FROM NotificationChannel c WHERE c.enabled = TRUE AND c.systemAlerts = TRUE")
public class NotificationChannel {

    public static final String BY_NAME = "NotificationChannel.byName";
    public static final String ENABLED_GLOBAL = "NotificationChannel.enabledGlobal";
    public static final String ENABLED_SYSTEM_ALERTS = "NotificationChannel.enabledSystemAlerts";

    @Id
    private UUID id;

    @Column(nullable = false, length = ChannelDefinition.MAX_NAME_LENGTH)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ChannelKind kind;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "global_channel", nullable = false)
    private boolean global;

    @Column(name = "deny_on_failure", nullable = false)
    private boolean denyOnFailure;

    @Column(name = "system_alerts", nullable = false)
    private boolean systemAlerts;

    @Column(name = "smtp_host", length = 255)
    private String smtpHost;

    @Column(name = "smtp_port")
    private Integer smtpPort;

    @Enumerated(EnumType.STRING)
    @Column(name = "smtp_security", length = 16)
    private SmtpSecurity smtpSecurity;

    @Column(name = "smtp_username", length = 256)
    private String smtpUsername;

    @Column(name = "smtp_password_sealed", length = 2048)
    private String smtpPasswordSealed;

    @Column(name = "mail_from", length = 320)
    private String mailFrom;

    @Column(name = "mail_recipients", length = 20000)
    private String mailRecipients;

    @Column(name = "subject_template", length = 500)
    private String subjectTemplate;

    @Column(name = "webhook_url", length = 2048)
    private String webhookUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "webhook_method", length = 8)
    private WebhookMethod webhookMethod;

    @Column(name = "webhook_headers_sealed", length = 12000)
    private String webhookHeadersSealed;

    @Column(name = "body_template", nullable = false, length = 20000)
    private String bodyTemplate;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected NotificationChannel() {
    }

    public NotificationChannel(ChannelDefinition definition) {
        this.id = UUID.randomUUID();
        this.kind = definition.kind();
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        define(definition);
    }

    /** Takes the new settings; the kind never changes (a channel is deleted and made anew for that). */
    public void define(ChannelDefinition definition) {
        if (definition.kind() != kind) {
            throw new InvalidChannelException("A channel's kind cannot change; add a new " + definition.kind().label()
                    + " channel instead.");
        }
        this.name = definition.name();
        this.enabled = definition.enabled();
        this.global = definition.global();
        this.denyOnFailure = definition.denyOnFailure();
        this.systemAlerts = definition.systemAlerts();
        if (kind == ChannelKind.SMTP) {
            SmtpSettings smtp = definition.smtp();
            this.smtpHost = smtp.host();
            this.smtpPort = smtp.port();
            this.smtpSecurity = smtp.security();
            this.smtpUsername = smtp.username().isEmpty() ? null : smtp.username();
            this.mailFrom = smtp.from();
            this.mailRecipients = smtp.recipients();
            this.subjectTemplate = smtp.subjectTemplate();
            this.bodyTemplate = smtp.bodyTemplate();
            if (smtpUsername == null) {
                this.smtpPasswordSealed = null;
            }
        } else {
            WebhookSettings webhook = definition.webhook();
            this.webhookUrl = webhook.url();
            this.webhookMethod = webhook.method();
            this.bodyTemplate = webhook.bodyTemplate();
        }
    }

    public void sealedPassword(String sealed) {
        this.smtpPasswordSealed = sealed;
    }

    public void sealedHeaders(String sealed) {
        this.webhookHeadersSealed = sealed;
    }

    public void enable(boolean enable) {
        this.enabled = enable;
    }

    public SmtpSettings smtpSettings() {
        if (kind != ChannelKind.SMTP) {
            throw new IllegalStateException(name + " is not an email channel");
        }
        return new SmtpSettings(smtpHost, smtpPort, smtpSecurity, smtpUsername, mailFrom, mailRecipients,
                subjectTemplate, bodyTemplate);
    }

    public WebhookSettings webhookSettings() {
        if (kind != ChannelKind.WEBHOOK) {
            throw new IllegalStateException(name + " is not a webhook channel");
        }
        return new WebhookSettings(webhookUrl, webhookMethod, bodyTemplate);
    }

    /** Where it sends, for lists and audit records: mail server and recipients, or the webhook's host only. */
    public String destination() {
        return kind == ChannelKind.SMTP
                ? mailRecipients.replaceAll("[,;\\s]+", ", ") + " via " + smtpHost + ":" + smtpPort
                : webhookMethod + " " + webhookSettings().displayUrl();
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public ChannelKind getKind() {
        return kind;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isGlobal() {
        return global;
    }

    public boolean isDenyOnFailure() {
        return denyOnFailure;
    }

    /** Whether AMS's own alerts (rotations overdue, unreadable secrets) are sent here too. */
    public boolean isSystemAlerts() {
        return systemAlerts;
    }

    /** Whether an SMTP password is stored (never the password itself). */
    public boolean hasPassword() {
        return smtpPasswordSealed != null;
    }

    /** Whether webhook headers are stored (never their values). */
    public boolean hasHeaders() {
        return webhookHeadersSealed != null;
    }

    String getSmtpPasswordSealed() {
        return smtpPasswordSealed;
    }

    String getWebhookHeadersSealed() {
        return webhookHeadersSealed;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
