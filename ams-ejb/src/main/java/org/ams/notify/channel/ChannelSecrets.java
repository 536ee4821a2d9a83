package org.ams.notify.channel;

import java.util.Arrays;
import org.ams.notify.InvalidChannelException;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.platform.SealedColumn;

/**
 * Seals and opens a channel's credentials with the master key, the same way directory bind passwords are kept
 * (AES-256-GCM, Base64 in the database). Each kind of secret has its own purpose, so a sealed SMTP password cannot
 * be passed off as webhook headers.
 */
public final class ChannelSecrets {

    static final String SMTP_PASSWORD_PURPOSE = SealedColumn.SMTP_PASSWORD.purpose();
    static final String WEBHOOK_HEADERS_PURPOSE = SealedColumn.WEBHOOK_HEADERS.purpose();
    static final int MAX_PASSWORD_LENGTH = 512;

    private ChannelSecrets() {
    }

    public static String sealPassword(char[] password) {
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new InvalidChannelException("The SMTP password has at most " + MAX_PASSWORD_LENGTH + " characters.");
        }
        return seal(password, SMTP_PASSWORD_PURPOSE);
    }

    static char[] openPassword(NotificationChannel channel) {
        return channel.getSmtpPasswordSealed() == null ? null
                : open(channel.getSmtpPasswordSealed(), SMTP_PASSWORD_PURPOSE);
    }

    public static String sealHeaders(WebhookHeaders headers) {
        return headers.isEmpty() ? null : seal(headers.text().toCharArray(), WEBHOOK_HEADERS_PURPOSE);
    }

    public static WebhookHeaders openHeaders(NotificationChannel channel) {
        if (channel.getWebhookHeadersSealed() == null) {
            return WebhookHeaders.none();
        }
        char[] text = open(channel.getWebhookHeadersSealed(), WEBHOOK_HEADERS_PURPOSE);
        try {
            return WebhookHeaders.parse(new String(text));
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /** The adapter that sends through the channel, with its credentials opened for this one use. */
    public static OutboundChannel outboundFor(NotificationChannel channel) {
        if (channel.getKind() == ChannelKind.SMTP) {
            char[] password = openPassword(channel);
            try {
                return new SmtpChannel(channel.smtpSettings(), password);
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }
        return new WebhookChannel(channel.webhookSettings(), openHeaders(channel));
    }

    private static String seal(char[] secret, String purpose) {
        return masterKey().sealText(secret, purpose);
    }

    private static char[] open(String sealed, String purpose) {
        return masterKey().openText(sealed, purpose);
    }

    private static MasterKey masterKey() {
        return MasterKey.load(AmsSettings.current());
    }
}
