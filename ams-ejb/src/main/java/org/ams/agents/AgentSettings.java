package org.ams.agents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The single row of agent settings. */
@Entity
@Table(name = "agent_settings")
public class AgentSettings {

    static final int SINGLETON = 1;

    @Id
    private int id;

    @Column(name = "agent_support_enabled", nullable = false)
    private boolean agentSupportEnabled;

    @Column(name = "changed_at")
    private OffsetDateTime changedAt;

    @Version
    private long version;

    protected AgentSettings() {
    }

    public boolean isAgentSupportEnabled() {
        return agentSupportEnabled;
    }

    void setAgentSupportEnabled(boolean enabled) {
        this.agentSupportEnabled = enabled;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }
}
