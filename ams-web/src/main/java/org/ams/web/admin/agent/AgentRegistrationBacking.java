package org.ams.web.admin.agent;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.agents.AgentSupport;
import org.ams.agents.NewRegistrationKey;
import org.ams.agents.RegistrationKey;
import org.ams.agents.RegistrationKeys;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Tenant;
import org.ams.web.PageMessages;

/** Backs {@code admin/agent/registration.xhtml}: agent support, where agents connect, and registration keys. */
@Named
@ViewScoped
public class AgentRegistrationBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AgentSupport agentSupport;

    @EJB
    private RegistrationKeys registrationKeys;

    @EJB
    private DeviceDirectory directory;

    private String name;
    private Integer activationLimit;
    private LocalDate expires;
    private boolean approvalRequired = true;
    private List<String> groupIds = new ArrayList<>();
    private String tenantId = Tenant.DEFAULT.toString();

    /** Shown once, right after creation, then forgotten with the view. */
    private transient String createdKey;
    private String createdKeyName;

    public boolean isAgentSupportEnabled() {
        return agentSupport.enabled();
    }

    public void enableAgentSupport() {
        agentSupport.setEnabled(true);
        PageMessages.info("Agent support is on: agents can register with a registration key.");
    }

    public void disableAgentSupport() {
        agentSupport.setEnabled(false);
        PageMessages.info("Agent support is off: every agent request is refused until it is turned on again.");
    }

    public String getServerUrl() {
        return ServerIdentity.serverUrl(FacesContext.getCurrentInstance().getExternalContext());
    }

    public String getTlsFingerprint() {
        return ServerIdentity.tlsFingerprint().orElse(null);
    }

    public List<RegistrationKey> getKeys() {
        return registrationKeys.all();
    }

    public List<Tenant> getTenants() {
        return directory.tenants();
    }

    /** The static groups of the chosen tenant: a key can only put devices into groups of its own tenant. */
    public List<DeviceGroup> getSelectableGroups() {
        return directory.groups().stream()
                .filter(group -> !group.isAllDevices() && group.getTenant().getId().toString().equals(tenantId))
                .collect(Collectors.toList());
    }

    public void tenantChanged() {
        groupIds = new ArrayList<>();
    }

    public String groupNames(RegistrationKey key) {
        return key.getGroups().isEmpty() ? "All devices"
                : key.getGroups().stream().map(DeviceGroup::getName).sorted().collect(Collectors.joining(", "));
    }

    public void create() {
        try {
            NewRegistrationKey created = registrationKeys.create(UUID.fromString(tenantId), name, activationLimit,
                    expires == null ? null : expires.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                    approvalRequired, groupIds.stream().map(UUID::fromString).collect(Collectors.toCollection(HashSet::new)));
            createdKey = created.key();
            createdKeyName = created.registrationKey().getName();
            name = null;
            activationLimit = null;
            expires = null;
            approvalRequired = true;
            groupIds = new ArrayList<>();
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void setEnabled(UUID id, boolean enabled) {
        try {
            registrationKeys.setEnabled(id, enabled);
            PageMessages.info(enabled ? "The registration key works again." : "The registration key is disabled: "
                    + "no device can register with it.");
        } catch (DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void forgetCreatedKey() {
        createdKey = null;
        createdKeyName = null;
    }

    public String getCreatedKey() {
        return createdKey;
    }

    public String getCreatedKeyName() {
        return createdKeyName;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getActivationLimit() {
        return activationLimit;
    }

    public void setActivationLimit(Integer activationLimit) {
        this.activationLimit = activationLimit;
    }

    public LocalDate getExpires() {
        return expires;
    }

    public void setExpires(LocalDate expires) {
        this.expires = expires;
    }

    public boolean isApprovalRequired() {
        return approvalRequired;
    }

    public void setApprovalRequired(boolean approvalRequired) {
        this.approvalRequired = approvalRequired;
    }

    public List<String> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<String> groupIds) {
        this.groupIds = groupIds;
    }
}
