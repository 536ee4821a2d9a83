package org.ams.notify;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.ams.notify.template.TemplateVariable;

/**
 * What a notification tells: the values of the template variables. Most are about one access request; a system alert
 * ({@link #alert}) is the same shape, naming its kind as {@code event} and saying what happened in {@code summary}, so
 * every channel's templates render it. It holds facts only; there is deliberately no field for a recovery password.
 * It is kept in the outbox as JSON until delivered.
 *
 * @param user            the user name of the person who asked
 * @param userDisplayName their display name (may be empty)
 * @param computer        the computer's name
 * @param computerDnsName its DNS name (may be empty)
 * @param reason          the reason given (may be empty)
 * @param result          the result code, e.g. {@code Success}
 * @param resultText      the result in words
 * @param ruleDescription the description of the deciding rule (may be empty)
 * @param permission      the permission asked for
 * @param clientAddress   where the request came from
 * @param time            when it happened
 * @param requestId       the access request's id (an alert's own id for a system alert)
 * @param event           what kind of event: {@value #ACCESS_REQUEST} or a {@link SystemAlert}'s event name
 * @param summary         the event in one sentence; for an access request made from the result, user and computer
 * @param recipient       one email address to send to instead of the channel's recipients (the requester told of
 *                        their request's approval); empty for the channel's own. Not a template variable.
 */
public record AccessNotification(String user, String userDisplayName, String computer, String computerDnsName,
                                 String reason, String result, String resultText, String ruleDescription,
                                 String permission, String clientAddress, Instant time, String requestId,
                                 String event, String summary, String recipient) {

    private static final String RECIPIENT = "recipient";

    /** Longer values are cut: a notification is a pointer to the audit log, not a copy of it. */
    public static final int MAX_VALUE_LENGTH = 2000;
    /** The event of a notification about an access request. */
    public static final String ACCESS_REQUEST = "access-request";

    /** A notification about an access request. */
    public AccessNotification(String user, String userDisplayName, String computer, String computerDnsName,
                              String reason, String result, String resultText, String ruleDescription,
                              String permission, String clientAddress, Instant time, String requestId) {
        this(user, userDisplayName, computer, computerDnsName, reason, result, resultText, ruleDescription,
                permission, clientAddress, time, requestId, ACCESS_REQUEST, null);
    }

    /** A notification of an event, for the channel's own recipients. */
    public AccessNotification(String user, String userDisplayName, String computer, String computerDnsName,
                              String reason, String result, String resultText, String ruleDescription,
                              String permission, String clientAddress, Instant time, String requestId,
                              String event, String summary) {
        this(user, userDisplayName, computer, computerDnsName, reason, result, resultText, ruleDescription,
                permission, clientAddress, time, requestId, event, summary, null);
    }

    public AccessNotification {
        user = clean(user);
        userDisplayName = clean(userDisplayName);
        computer = clean(computer);
        computerDnsName = clean(computerDnsName);
        reason = clean(reason);
        result = clean(result);
        resultText = clean(resultText);
        ruleDescription = clean(ruleDescription);
        permission = clean(permission);
        clientAddress = clean(clientAddress);
        requestId = clean(requestId);
        time = Objects.requireNonNullElseGet(time, Instant::now).truncatedTo(ChronoUnit.SECONDS);
        event = clean(event).isEmpty() ? ACCESS_REQUEST : clean(event);
        summary = clean(summary).isEmpty()
                ? clean((resultText.isEmpty() ? result : resultText) + " to " + user + " for " + computer)
                : clean(summary);
        recipient = clean(recipient);
    }

    /**
     * A system alert: AMS itself is the {@code user}, the alert's result code is the {@code result} and its summary
     * the {@code resultText} too, so templates written for access requests still say what happened.
     *
     * @param computers the computers concerned, e.g. "PC-0042, PC-0043 and 12 more" (may be empty)
     */
    public static AccessNotification alert(SystemAlert alert, String summary, String computers, Instant time,
                                           String alertId) {
        return new AccessNotification("AMS", "AMS server", computers, "", "", alert.resultCode(), summary, "", "",
                "", time, alertId, alert.eventName(), summary);
    }

    /** The same notification, naming the access request (its audit record's sequence number) once it is known. */
    public AccessNotification withRequestId(String id) {
        return new AccessNotification(user, userDisplayName, computer, computerDnsName, reason, result, resultText,
                ruleDescription, permission, clientAddress, time, id, event, summary, recipient);
    }

    /** The same notification, sent by email to this one address only (not to an email channel's own list). */
    public AccessNotification to(String address) {
        return new AccessNotification(user, userDisplayName, computer, computerDnsName, reason, result, resultText,
                ruleDescription, permission, clientAddress, time, requestId, event, summary, address);
    }

    /** A made-up request for "Send test" and for checking that templates produce what their channel needs. */
    public static AccessNotification sample() {
        return new AccessNotification("jdoe", "Jane \"JD\" Doe <helpdesk>", "PC-0042", "pc-0042.corp.example",
                "User locked out after a BIOS update; ticket #4711 & 'urgent'", "Success",
                "Access granted", "Helpdesk may read recovery passwords of all laptops",
                "Read BitLocker recovery passwords", "192.0.2.10", Instant.now(), "test");
    }

    public Map<TemplateVariable, String> values() {
        Map<TemplateVariable, String> values = new EnumMap<>(TemplateVariable.class);
        values.put(TemplateVariable.USER, user);
        values.put(TemplateVariable.USER_DISPLAY_NAME, userDisplayName);
        values.put(TemplateVariable.COMPUTER, computer);
        values.put(TemplateVariable.COMPUTER_DNS_NAME, computerDnsName);
        values.put(TemplateVariable.REASON, reason);
        values.put(TemplateVariable.RESULT, result);
        values.put(TemplateVariable.RESULT_TEXT, resultText);
        values.put(TemplateVariable.RULE_DESCRIPTION, ruleDescription);
        values.put(TemplateVariable.PERMISSION, permission);
        values.put(TemplateVariable.CLIENT_ADDRESS, clientAddress);
        values.put(TemplateVariable.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        values.put(TemplateVariable.REQUEST_ID, requestId);
        values.put(TemplateVariable.EVENT, event);
        values.put(TemplateVariable.SUMMARY, summary);
        return values;
    }

    /** The outbox form: one JSON object keyed by the template names. */
    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        values().forEach((variable, value) -> json.add(variable.templateName(), value));
        if (!recipient.isEmpty()) {
            json.add(RECIPIENT, recipient);
        }
        return json.build().toString();
    }

    public static AccessNotification fromJson(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            return new AccessNotification(field(json, TemplateVariable.USER),
                    field(json, TemplateVariable.USER_DISPLAY_NAME), field(json, TemplateVariable.COMPUTER),
                    field(json, TemplateVariable.COMPUTER_DNS_NAME), field(json, TemplateVariable.REASON),
                    field(json, TemplateVariable.RESULT), field(json, TemplateVariable.RESULT_TEXT),
                    field(json, TemplateVariable.RULE_DESCRIPTION), field(json, TemplateVariable.PERMISSION),
                    field(json, TemplateVariable.CLIENT_ADDRESS),
                    Instant.parse(field(json, TemplateVariable.TIME)), field(json, TemplateVariable.REQUEST_ID),
                    field(json, TemplateVariable.EVENT), field(json, TemplateVariable.SUMMARY),
                    json.getString(RECIPIENT, ""));
        }
    }

    private static String field(JsonObject json, TemplateVariable variable) {
        return json.getString(variable.templateName(), "");
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
    }
}
