package org.ams.notify.channel;

/** Where a channel sends its messages. */
public enum ChannelKind {
    SMTP("Email (SMTP)"),
    WEBHOOK("Webhook (HTTP)");

    private final String label;

    ChannelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
