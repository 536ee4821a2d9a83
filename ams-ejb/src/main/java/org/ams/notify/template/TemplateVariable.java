package org.ams.notify.template;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a message template may mention, as {@code {{name}}}. Deliberately a closed list of facts about an access
 * request or a system alert: a recovery password (or anything else secret) is not one of them, so no template can
 * send it.
 */
public enum TemplateVariable {
    USER("user", "the user name of the person who asked"),
    USER_DISPLAY_NAME("userDisplayName", "their display name"),
    COMPUTER("computer", "the computer's name"),
    COMPUTER_DNS_NAME("computerDnsName", "the computer's DNS name"),
    REASON("reason", "the reason the person gave"),
    RESULT("result", "the result code, e.g. Success or ExplicitlyDenied"),
    RESULT_TEXT("resultText", "the result in words"),
    RULE_DESCRIPTION("ruleDescription", "the description of the rule that decided"),
    PERMISSION("permission", "the permission asked for"),
    CLIENT_ADDRESS("clientAddress", "the address the request came from"),
    TIME("time", "when it happened (UTC, ISO 8601)"),
    REQUEST_ID("requestId", "the id of the access request (or of the system alert)"),
    EVENT("event", "what happened: access-request, or a system alert: rotation-overdue, unreadable-secrets"),
    SUMMARY("summary", "the event in one sentence");

    private final String templateName;
    private final String description;

    TemplateVariable(String templateName, String description) {
        this.templateName = templateName;
        this.description = description;
    }

    /** The name written between the braces. */
    public String templateName() {
        return templateName;
    }

    public String description() {
        return description;
    }

    public static Optional<TemplateVariable> named(String name) {
        return Arrays.stream(values()).filter(v -> v.templateName.equals(name)).findFirst();
    }

    /** "user, userDisplayName, ...", for messages that tell an administrator what is allowed. */
    public static String allNames() {
        return Arrays.stream(values()).map(TemplateVariable::templateName).collect(Collectors.joining(", "));
    }
}
