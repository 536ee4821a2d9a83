package org.ams.notify.channel;

/** The HTTP methods a webhook is called with; receivers (Teams, Slack, SIEMs) take one of these. */
public enum WebhookMethod {
    POST, PUT
}
