package org.ams.agents;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.ams.audit.AuditTrail;
import org.ams.security.RoleNames;

/** The switch an administrator turns on before any agent may register or check in (seed guide, Step 1). */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class AgentSupport {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    public boolean enabled() {
        return settings().isAgentSupportEnabled();
    }

    public void setEnabled(boolean enabled) {
        AgentSettings settings = settings();
        if (settings.isAgentSupportEnabled() != enabled) {
            settings.setAgentSupportEnabled(enabled);
            audit.record(enabled ? "agent-support.enabled" : "agent-support.disabled", "AgentSettings", null,
                    "Agent support", null);
        }
    }

    /** Refuses every agent request while agent support is off. */
    // Any caller: every agent call asks, with no signed-in user.
    @PermitAll
    public void requireEnabled() {
        if (!enabled()) {
            throw new AgentApiException(AgentRefusal.AGENT_SUPPORT_DISABLED, "Agent support is turned off on this "
                    + "AMS server. An administrator turns it on under Access Manager Agent / Agent registration.");
        }
    }

    private AgentSettings settings() {
        return em.find(AgentSettings.class, AgentSettings.SINGLETON);
    }
}
