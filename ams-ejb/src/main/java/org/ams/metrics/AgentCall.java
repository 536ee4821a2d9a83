package org.ams.metrics;

/** The agent API calls whose outcome and latency are measured, as their {@code call} label reads. */
public enum AgentCall {
    CHECK_IN("check-in"),
    KEY_UPLOAD("key-upload");

    private final String label;

    AgentCall(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
