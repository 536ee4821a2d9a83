package org.ams.notify.channel;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.template.Escaping;

/**
 * Sends notifications as HTML email through an SMTP server, with Jakarta Mail (the implementation the server ships).
 * One instance sends once: its copy of the password is wiped after the attempt, so it does not linger in memory.
 */
final class SmtpChannel implements OutboundChannel {

    private final SmtpSettings settings;
    private final char[] password;

    /** @param password the sign-in password, or {@code null} when the settings name no user; copied */
    public SmtpChannel(SmtpSettings settings, char[] password) {
        this.settings = settings;
        this.password = password == null ? null : password.clone();
    }

    @Override
    public String send(AccessNotification notification) throws DeliveryFailedException {
        Session session = Session.getInstance(properties());
        String server = settings.host() + ":" + settings.port();
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(settings.fromAddress());
            // A notification for one person (a requester told of their request) goes to them alone.
            List<InternetAddress> recipients = notification.recipient().isEmpty() ? settings.recipientAddresses()
                    : List.of(new InternetAddress(notification.recipient(), true));
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            message.setSubject(settings.subject().render(notification.values(), Escaping.HEADER_LINE), "UTF-8");
            message.setText(settings.body().render(notification.values(), Escaping.HTML), "UTF-8", "html");
            message.setSentDate(new Date());
            message.saveChanges();
            try (Transport transport = session.getTransport(settings.security() == SmtpSecurity.TLS ? "smtps" : "smtp")) {
                if (settings.signsIn()) {
                    transport.connect(settings.host(), settings.port(), settings.username(),
                            password == null ? "" : new String(password));
                } else {
                    transport.connect(settings.host(), settings.port(), null, null);
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
            return "accepted by " + server + " for " + recipients.size() + " recipient(s)";
        } catch (AuthenticationFailedException e) {
            throw new DeliveryFailedException(server + " refused the user name or password of " + settings.username()
                    + ".");
        } catch (SendFailedException e) {
            throw new DeliveryFailedException(server + " refused the message or its recipients: " + reason(e));
        } catch (MessagingException e) {
            throw new DeliveryFailedException("Could not send through " + server + ": " + reason(e));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private Properties properties() {
        String protocol = settings.security() == SmtpSecurity.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", settings.host());
        properties.setProperty(prefix + "port", String.valueOf(settings.port()));
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS));
        properties.setProperty(prefix + "timeout", String.valueOf(READ_TIMEOUT_MILLIS));
        properties.setProperty(prefix + "writetimeout", String.valueOf(READ_TIMEOUT_MILLIS));
        properties.setProperty(prefix + "auth", String.valueOf(settings.signsIn()));
        properties.setProperty(prefix + "from", settings.from());
        if (settings.security() == SmtpSecurity.STARTTLS) {
            // Required, not merely enabled: a server (or someone in between) that hides STARTTLS must not get the
            // password and the message in clear.
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.security() != SmtpSecurity.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            properties.setProperty(prefix + "ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        return properties;
    }

    /** The mail server's own words, one line, without anything AMS sent (the password never appears in them). */
    private static String reason(MessagingException e) {
        Throwable cause = e;
        String text = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        String oneLine = Escaping.HEADER_LINE.escape(text == null ? e.getClass().getSimpleName() : text).strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
