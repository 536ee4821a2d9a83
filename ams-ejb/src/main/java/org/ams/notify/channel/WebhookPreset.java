package org.ams.notify.channel;

/**
 * Ready-made JSON bodies for the receivers administrators use most. Picking one fills the body template, which
 * stays editable.
 */
public enum WebhookPreset {

    /** A Microsoft Teams channel through a Workflows ("When a Teams webhook request is received") webhook. */
    MICROSOFT_TEAMS("Microsoft Teams (Workflows webhook, Adaptive Card)", """
            {
              "type": "message",
              "attachments": [
                {
                  "contentType": "application/vnd.microsoft.card.adaptive",
                  "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                      {"type": "TextBlock", "size": "Medium", "weight": "Bolder", "wrap": true,
                       "text": "AMS: {{summary}}"},
                      {"type": "FactSet", "facts": [
                        {"title": "Event", "value": "{{event}}"},
                        {"title": "User", "value": "{{userDisplayName}} ({{user}})"},
                        {"title": "Computer", "value": "{{computer}}"},
                        {"title": "Permission", "value": "{{permission}}"},
                        {"title": "Result", "value": "{{result}}"},
                        {"title": "Reason", "value": "{{reason}}"},
                        {"title": "Rule", "value": "{{ruleDescription}}"},
                        {"title": "From", "value": "{{clientAddress}}"},
                        {"title": "Time (UTC)", "value": "{{time}}"}
                      ]}
                    ]
                  }
                }
              ]
            }
            """),

    /** A Slack channel through an incoming webhook. */
    SLACK("Slack (incoming webhook)", """
            {
              "text": "AMS: {{summary}}",
              "blocks": [
                {"type": "section", "text": {"type": "mrkdwn",
                  "text": "*AMS: {{summary}}* ({{event}}: {{result}})\\n*User:* {{userDisplayName}} ({{user}})\\n*Computer:* {{computer}}\\n*Permission:* {{permission}}\\n*Reason:* {{reason}}\\n*Rule:* {{ruleDescription}}\\n*From:* {{clientAddress}} at {{time}}"}}
              ]
            }
            """),

    /** Every variable as a flat JSON object, for SIEMs and home-made receivers. */
    GENERIC_JSON("Generic JSON (every variable)", """
            {
              "event": "{{event}}",
              "summary": "{{summary}}",
              "requestId": "{{requestId}}",
              "time": "{{time}}",
              "result": "{{result}}",
              "resultText": "{{resultText}}",
              "user": "{{user}}",
              "userDisplayName": "{{userDisplayName}}",
              "computer": "{{computer}}",
              "computerDnsName": "{{computerDnsName}}",
              "permission": "{{permission}}",
              "reason": "{{reason}}",
              "ruleDescription": "{{ruleDescription}}",
              "clientAddress": "{{clientAddress}}"
            }
            """);

    private final String label;
    private final String bodyTemplate;

    WebhookPreset(String label, String bodyTemplate) {
        this.label = label;
        this.bodyTemplate = bodyTemplate;
    }

    public String label() {
        return label;
    }

    public String bodyTemplate() {
        return bodyTemplate;
    }
}
