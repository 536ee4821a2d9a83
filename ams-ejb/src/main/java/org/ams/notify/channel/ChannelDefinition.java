package org.ams.notify.channel;

import org.ams.notify.InvalidChannelException;
import org.ams.notify.SystemAlert;

/**
 * What an administrator enters for a channel, apart from its secrets: exactly one of {@code smtp} and
 * {@code webhook}, matching {@code kind}.
 *
 * @param name          unique, 1 to 128 characters
 * @param enabled       whether it sends at all
 * @param global        fires for every access request, whatever the rule
 * @param denyOnFailure delivered synchronously; the access request is denied when delivery fails
 * @param systemAlerts  also carries AMS's own alerts ({@link SystemAlert}), always through the queue
 */
public record ChannelDefinition(String name, ChannelKind kind, boolean enabled, boolean global, boolean denyOnFailure,
                                SmtpSettings smtp, WebhookSettings webhook, boolean systemAlerts) {

    public static final int MAX_NAME_LENGTH = 128;

    public ChannelDefinition {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidChannelException("Give the channel a name of 1 to " + MAX_NAME_LENGTH
                    + " characters, e.g. 'Security team mail'.");
        }
        if (kind == null) {
            throw new InvalidChannelException("Choose the kind of channel: email (SMTP) or webhook.");
        }
        if (kind == ChannelKind.SMTP && (smtp == null || webhook != null)
                || kind == ChannelKind.WEBHOOK && (webhook == null || smtp != null)) {
            throw new InvalidChannelException("An email channel takes mail server settings, a webhook channel webhook "
                    + "settings: give the ones of its kind only.");
        }
    }

    public static ChannelDefinition smtp(String name, boolean enabled, boolean global, boolean denyOnFailure,
                                         SmtpSettings smtp) {
        return new ChannelDefinition(name, ChannelKind.SMTP, enabled, global, denyOnFailure, smtp, null, false);
    }

    public static ChannelDefinition webhook(String name, boolean enabled, boolean global, boolean denyOnFailure,
                                            WebhookSettings webhook) {
        return new ChannelDefinition(name, ChannelKind.WEBHOOK, enabled, global, denyOnFailure, null, webhook, false);
    }

    /** The same channel, taking system alerts or not. */
    public ChannelDefinition withSystemAlerts(boolean alerts) {
        return new ChannelDefinition(name, kind, enabled, global, denyOnFailure, smtp, webhook, alerts);
    }
}
