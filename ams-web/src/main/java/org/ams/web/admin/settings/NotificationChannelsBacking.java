package org.ams.web.admin.settings;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ams.escrow.OverdueRotations;
import org.ams.notify.NotificationChannels;
import org.ams.notify.NotificationException;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.ChannelKind;
import org.ams.notify.channel.NotificationChannel;
import org.ams.notify.channel.SmtpSecurity;
import org.ams.notify.channel.SmtpSettings;
import org.ams.notify.channel.WebhookMethod;
import org.ams.notify.channel.WebhookPreset;
import org.ams.notify.channel.WebhookSettings;
import org.ams.notify.outbox.DeliveryCounts;
import org.ams.notify.outbox.OutboxEntry;
import org.ams.notify.template.TemplateVariable;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs {@code admin/settings/notification-channels.xhtml}: the channels with their queue counts, the editor (SMTP or
 * webhook, with ready-made Teams and Slack bodies), "Send test", and the latest deliveries with their errors.
 * Credentials typed here go straight to the service, which seals them; they are never read back into the page.
 */
@Named
@ViewScoped
public class NotificationChannelsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int RECENT = 50;

    @EJB
    private NotificationChannels channels;

    private List<NotificationChannel> channelList;
    private Map<UUID, DeliveryCounts> counts;
    private List<OutboxEntry> deliveries;

    private boolean editing;
    private UUID editedId;
    private ChannelKind kind;
    private String name;
    private boolean enabled;
    private boolean global;
    private boolean denyOnFailure;
    private boolean systemAlerts;

    private String host;
    private int port;
    private SmtpSecurity security;
    private String username;
    private String password;
    private boolean passwordStored;
    private String from;
    private String recipients;
    private String subjectTemplate;

    private String url;
    private WebhookMethod method;
    private WebhookPreset preset;
    private String headers;
    private String storedHeaderNames;
    private boolean removeHeaders;

    private String bodyTemplate;

    private String testResult;
    private String testProblem;

    public List<NotificationChannel> getChannels() {
        if (channelList == null) {
            channelList = channels.list();
        }
        return channelList;
    }

    public DeliveryCounts counts(NotificationChannel channel) {
        if (counts == null) {
            counts = channels.deliveryCounts();
        }
        return counts.getOrDefault(channel.getId(), DeliveryCounts.NONE);
    }

    public List<OutboxEntry> getDeliveries() {
        if (deliveries == null) {
            deliveries = channels.recentDeliveries(RECENT);
        }
        return deliveries;
    }

    /** Re-reads the lists (the page polls so queued deliveries can be watched as they go out). */
    public void refresh() {
        channelList = null;
        counts = null;
        deliveries = null;
    }

    public void startAddingSmtp() {
        clearForm();
        editing = true;
        kind = ChannelKind.SMTP;
    }

    public void startAddingWebhook() {
        clearForm();
        editing = true;
        kind = ChannelKind.WEBHOOK;
        preset = WebhookPreset.MICROSOFT_TEAMS;
        bodyTemplate = preset.bodyTemplate();
    }

    public void startEditing(NotificationChannel channel) {
        clearForm();
        editing = true;
        editedId = channel.getId();
        kind = channel.getKind();
        name = channel.getName();
        enabled = channel.isEnabled();
        global = channel.isGlobal();
        denyOnFailure = channel.isDenyOnFailure();
        systemAlerts = channel.isSystemAlerts();
        if (kind == ChannelKind.SMTP) {
            SmtpSettings smtp = channel.smtpSettings();
            host = smtp.host();
            port = smtp.port();
            security = smtp.security();
            username = smtp.username();
            passwordStored = channel.hasPassword();
            from = smtp.from();
            recipients = smtp.recipients();
            subjectTemplate = smtp.subjectTemplate();
            bodyTemplate = smtp.bodyTemplate();
        } else {
            WebhookSettings webhook = channel.webhookSettings();
            url = webhook.url();
            method = webhook.method();
            bodyTemplate = webhook.bodyTemplate();
            preset = null;
            storedHeaderNames = channel.hasHeaders() ? channels.storedHeaderNames(editedId) : null;
        }
    }

    /** Fills the body with the chosen ready-made template. */
    public void applyPreset() {
        if (preset != null) {
            bodyTemplate = preset.bodyTemplate();
        }
    }

    public void cancel() {
        clearForm();
    }

    public void save() {
        attempt(() -> {
            ChannelDefinition definition = definition();
            if (editedId == null) {
                channels.create(definition, chars(password), headers);
                PageMessages.info("Notification channel '" + definition.name() + "' added.");
            } else {
                String newHeaders = removeHeaders ? "" : headers == null || headers.isBlank() ? null : headers;
                channels.update(editedId, definition, chars(password), newHeaders);
                PageMessages.info("Notification channel '" + definition.name() + "' saved.");
            }
            clearForm();
        });
        password = null;
        headers = null;
    }

    public void sendTest(NotificationChannel channel) {
        testResult = null;
        testProblem = null;
        try {
            testResult = channel.getName() + ": " + channels.sendTest(channel.getId());
        } catch (NotificationException e) {
            testProblem = channel.getName() + ": " + e.getMessage();
        } catch (EJBAccessException e) {
            testProblem = "Only administrators may send test messages.";
        }
        refresh();
    }

    public void enable(NotificationChannel channel, boolean enable) {
        attempt(() -> channels.enable(channel.getId(), enable));
    }

    public void delete(NotificationChannel channel) {
        attempt(() -> {
            channels.delete(channel.getId());
            PageMessages.info("Notification channel '" + channel.getName()
                    + "' deleted, with its queued notifications.");
        });
    }

    public String time(OffsetDateTime time) {
        return UtcTime.second(time);
    }

    private ChannelDefinition definition() {
        ChannelDefinition definition = kind == ChannelKind.SMTP
                ? ChannelDefinition.smtp(name, enabled, global, denyOnFailure, new SmtpSettings(host, port, security,
                        username, from, recipients, subjectTemplate, bodyTemplate))
                : ChannelDefinition.webhook(name, enabled, global, denyOnFailure,
                        new WebhookSettings(url, method, bodyTemplate));
        return definition.withSystemAlerts(systemAlerts);
    }

    private void attempt(Runnable change) {
        try {
            change.run();
            refresh();
        } catch (NotificationException e) {
            PageMessages.error(e.getMessage());
        } catch (EJBAccessException e) {
            PageMessages.error("Only administrators may change notification channels.");
        }
    }

    private void clearForm() {
        editing = false;
        editedId = null;
        kind = null;
        name = null;
        enabled = true;
        global = false;
        denyOnFailure = false;
        systemAlerts = false;
        host = null;
        port = SmtpSecurity.STARTTLS.usualPort();
        security = SmtpSecurity.STARTTLS;
        username = null;
        password = null;
        passwordStored = false;
        from = null;
        recipients = null;
        subjectTemplate = SmtpSettings.DEFAULT_SUBJECT;
        url = null;
        method = WebhookMethod.POST;
        preset = null;
        headers = null;
        storedHeaderNames = null;
        removeHeaders = false;
        bodyTemplate = SmtpSettings.DEFAULT_BODY;
        testResult = null;
        testProblem = null;
    }

    private static char[] chars(String value) {
        return value == null ? new char[0] : value.toCharArray();
    }

    public TemplateVariable[] getVariables() {
        return TemplateVariable.values();
    }

    public SmtpSecurity[] getSecurityChoices() {
        return SmtpSecurity.values();
    }

    public WebhookMethod[] getMethodChoices() {
        return WebhookMethod.values();
    }

    public WebhookPreset[] getPresetChoices() {
        return WebhookPreset.values();
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isAdding() {
        return editing && editedId == null;
    }

    public boolean isSmtp() {
        return kind == ChannelKind.SMTP;
    }

    public boolean isWebhook() {
        return kind == ChannelKind.WEBHOOK;
    }

    public ChannelKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isGlobal() {
        return global;
    }

    public void setGlobal(boolean global) {
        this.global = global;
    }

    public boolean isDenyOnFailure() {
        return denyOnFailure;
    }

    public void setDenyOnFailure(boolean denyOnFailure) {
        this.denyOnFailure = denyOnFailure;
    }

    /** For the system alerts' hint: how long a rotation may wait before it is announced. */
    public long getOverdueAlertHours() {
        return OverdueRotations.alertAfterHours();
    }

    public boolean isSystemAlerts() {
        return systemAlerts;
    }

    public void setSystemAlerts(boolean systemAlerts) {
        this.systemAlerts = systemAlerts;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public SmtpSecurity getSecurity() {
        return security;
    }

    public void setSecurity(SmtpSecurity security) {
        this.security = security;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Never shown back. */
    public String getPassword() {
        return null;
    }

    /** An empty field keeps what was typed before or, when editing, the stored password. */
    public void setPassword(String password) {
        if (password != null && !password.isEmpty()) {
            this.password = password;
        }
    }

    public boolean isPasswordStored() {
        return passwordStored;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getSubjectTemplate() {
        return subjectTemplate;
    }

    public void setSubjectTemplate(String subjectTemplate) {
        this.subjectTemplate = subjectTemplate;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public WebhookMethod getMethod() {
        return method;
    }

    public void setMethod(WebhookMethod method) {
        this.method = method;
    }

    public WebhookPreset getPreset() {
        return preset;
    }

    public void setPreset(WebhookPreset preset) {
        this.preset = preset;
    }

    /** Never shown back: the stored headers usually hold a credential. */
    public String getHeaders() {
        return null;
    }

    public void setHeaders(String headers) {
        if (headers != null && !headers.isBlank()) {
            this.headers = headers;
        }
    }

    public String getStoredHeaderNames() {
        return storedHeaderNames;
    }

    public boolean isRemoveHeaders() {
        return removeHeaders;
    }

    public void setRemoveHeaders(boolean removeHeaders) {
        this.removeHeaders = removeHeaders;
    }

    public String getBodyTemplate() {
        return bodyTemplate;
    }

    public void setBodyTemplate(String bodyTemplate) {
        this.bodyTemplate = bodyTemplate;
    }

    public String getTestResult() {
        return testResult;
    }

    public String getTestProblem() {
        return testProblem;
    }
}
