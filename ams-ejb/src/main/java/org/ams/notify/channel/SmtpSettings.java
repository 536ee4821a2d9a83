package org.ams.notify.channel;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.ams.notify.InvalidChannelException;
import org.ams.notify.template.Escaping;
import org.ams.notify.template.MessageTemplate;

/**
 * How an email channel reaches its mail server and what it writes. Every rule about a usable configuration lives
 * here, with messages an administrator can act on; the password is not part of it (it is sealed separately and never
 * travels with the settings).
 *
 * @param host            the mail server's host name or address
 * @param port            its port
 * @param security        STARTTLS, implicit TLS or none
 * @param username        the account to sign in with, or empty for a relay that needs none
 * @param from            the sender address
 * @param recipients      one or more addresses, separated by commas, semicolons or line breaks
 * @param subjectTemplate the subject, with {@code {{variables}}}; values lose their line breaks
 * @param bodyTemplate    the HTML body, with {@code {{variables}}}; values are HTML-escaped
 */
public record SmtpSettings(String host, int port, SmtpSecurity security, String username, String from,
                           String recipients, String subjectTemplate, String bodyTemplate) {

    public static final int MAX_RECIPIENTS = 50;
    public static final String DEFAULT_SUBJECT = "AMS: {{summary}}";
    public static final String DEFAULT_BODY = """
            <p><strong>{{summary}}</strong> ({{event}}: {{result}})</p>
            <table>
              <tr><th align="left">User</th><td>{{userDisplayName}} ({{user}})</td></tr>
              <tr><th align="left">Computer</th><td>{{computer}} {{computerDnsName}}</td></tr>
              <tr><th align="left">Permission</th><td>{{permission}}</td></tr>
              <tr><th align="left">Reason</th><td>{{reason}}</td></tr>
              <tr><th align="left">Rule</th><td>{{ruleDescription}}</td></tr>
              <tr><th align="left">From address</th><td>{{clientAddress}}</td></tr>
              <tr><th align="left">Time (UTC)</th><td>{{time}}</td></tr>
              <tr><th align="left">Request</th><td>{{requestId}}</td></tr>
            </table>
            """;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,255}");

    public SmtpSettings {
        host = trimmed(host);
        username = trimmed(username);
        from = trimmed(from);
        recipients = trimmed(recipients);
        require(!host.isEmpty(), "Enter the mail server's host name, e.g. smtp.corp.example.");
        require(HOST.matcher(host).matches(), "The mail server's host name may hold only letters, digits, dots and "
                + "hyphens (or an IP address).");
        require(port >= 1 && port <= 65535, "The mail server's port is a number from 1 to 65535 (usually 587 for "
                + "STARTTLS, 465 for implicit TLS).");
        require(security != null, "Choose how the connection to the mail server is protected.");
        require(username.length() <= 256, "The user name has at most 256 characters.");
        require(!from.isEmpty(), "Enter the sender address, e.g. ams@corp.example.");
        address(from, "The sender address");
        require(!addresses(recipients).isEmpty(), "Enter at least one recipient address.");
        parseSubject(subjectTemplate);
        MessageTemplate.parse(bodyTemplate, "the email body template");
    }

    /** The recipients, each a valid address. */
    public List<InternetAddress> recipientAddresses() {
        return addresses(recipients).stream().map(a -> address(a, "The recipient address")).toList();
    }

    public InternetAddress fromAddress() {
        return address(from, "The sender address");
    }

    public MessageTemplate subject() {
        return parseSubject(subjectTemplate);
    }

    public MessageTemplate body() {
        return MessageTemplate.parse(bodyTemplate, "the email body template");
    }

    public boolean signsIn() {
        return !username.isEmpty();
    }

    private static MessageTemplate parseSubject(String template) {
        MessageTemplate subject = MessageTemplate.parse(template, "the subject template");
        require(subject.text().chars().noneMatch(Character::isISOControl),
                "The subject template is one line: remove the line breaks.");
        require(subject.text().length() <= 500, "The subject template has at most 500 characters.");
        return subject;
    }

    private static List<String> addresses(String text) {
        List<String> list = new ArrayList<>(Arrays.stream(text.split("[,;\\s]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
        require(list.size() <= MAX_RECIPIENTS, "A channel sends to at most " + MAX_RECIPIENTS + " recipients; use "
                + "a distribution list for more.");
        list.forEach(a -> address(a, "The recipient address"));
        return list;
    }

    private static InternetAddress address(String text, String what) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            require(address.getAddress().equals(text) && address.getAddress().contains("@"),
                    what + " '" + shortened(text) + "' is not an email address such as ams@corp.example.");
            return address;
        } catch (AddressException e) {
            throw new InvalidChannelException(what + " '" + shortened(text) + "' is not an email address such as "
                    + "ams@corp.example.");
        }
    }

    private static String shortened(String text) {
        String oneLine = Escaping.HEADER_LINE.escape(text);
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidChannelException(message);
        }
    }
}
