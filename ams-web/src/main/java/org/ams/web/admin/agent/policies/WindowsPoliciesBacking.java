package org.ams.web.admin.agent.policies;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.devices.TargetKind;
import org.ams.devices.Targets;
import org.ams.policy.AgentPolicies;
import org.ams.policy.KeyRotationPolicy;
import org.ams.policy.Platform;
import org.ams.policy.Policy;
import org.ams.policy.PolicyDraft;
import org.ams.policy.PolicyException;
import org.ams.policy.PolicyExplanation;
import org.ams.policy.PolicyTarget;
import org.ams.web.PageMessages;
import org.ams.web.admin.authz.TargetPicker;

/**
 * Backs {@code admin/agent/policies/windows.xhtml}: the ordered list of Windows policies, the policy editor and the
 * effective-policy tool.
 */
@Named
@ViewScoped
public class WindowsPoliciesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AgentPolicies agentPolicies;

    @EJB
    private Targets targetDirectory;

    private boolean editing;
    private UUID editingId;
    private long editingVersion;
    private boolean editingDefault;
    private String name;
    private String description;
    private boolean enabled;
    private String checkInIntervalMinutes;
    private boolean backupOsDrive;
    private boolean backupFixedDrives;
    private boolean backupRemovableDrives;
    private boolean rotateDisclosedKeys;
    private String rotateAfterDays;
    private final List<String> targets = new ArrayList<>();
    private String targetToAdd;

    private String deviceToExplain;
    private PolicyExplanation explanation;

    private transient List<Policy> policies;
    private final TargetPicker picker = new TargetPicker();

    public List<Policy> getPolicies() {
        if (policies == null) {
            policies = agentPolicies.policies(Platform.WINDOWS);
        }
        return policies;
    }

    public int getCustomCount() {
        return (int) getPolicies().stream().filter(policy -> !policy.isDefaultPolicy()).count();
    }

    /** "Device group Default / Finance, Computer PC-7"; what a custom policy without targets applies to. */
    public String targetsSummary(Policy policy) {
        if (policy.isDefaultPolicy()) {
            return "Every device no custom policy applies to";
        }
        if (policy.getTargets().isEmpty()) {
            return "Nothing yet: add targets";
        }
        return policy.getTargets().stream().map(this::describe).collect(Collectors.joining(", "));
    }

    public String backupSummary(Policy policy) {
        List<String> types = new ArrayList<>();
        if (policy.isBackupOsDrive()) {
            types.add("OS drive");
        }
        if (policy.isBackupFixedDrives()) {
            types.add("fixed drives");
        }
        if (policy.isBackupRemovableDrives()) {
            types.add("removable drives");
        }
        return types.isEmpty() ? "Nothing" : String.join(", ", types);
    }

    /** "Rotates shown passwords; and those older than 90 days", for the list. */
    public String rotationSummary(Policy policy) {
        String shown = policy.isRotateDisclosedKeys() ? "Rotates shown passwords" : "Keeps shown passwords";
        return policy.getRotateAfterDays() == null ? shown
                : shown + "; rotates those older than " + policy.getRotateAfterDays() + " days";
    }

    public String state(Policy policy) {
        if (policy.isDefaultPolicy()) {
            return "Always";
        }
        return policy.isEnabled() ? "Enabled" : "Disabled";
    }

    public void startNew() {
        fill(null, PolicyDraft.newPolicy(null), 0, false);
    }

    public void edit(UUID id) {
        try {
            Policy policy = agentPolicies.get(id);
            fill(policy.getId(), policy.toDraft(), policy.getVersion(), policy.isDefaultPolicy());
        } catch (PolicyException e) {
            PageMessages.error(e.getMessage());
            refresh();
        }
    }

    private void fill(UUID id, PolicyDraft draft, long version, boolean defaultPolicy) {
        editing = true;
        editingId = id;
        editingVersion = version;
        editingDefault = defaultPolicy;
        name = draft.name();
        description = draft.description();
        enabled = draft.enabled();
        checkInIntervalMinutes = String.valueOf(draft.checkInIntervalMinutes());
        backupOsDrive = draft.backupOsDrive();
        backupFixedDrives = draft.backupFixedDrives();
        backupRemovableDrives = draft.backupRemovableDrives();
        rotateDisclosedKeys = draft.rotation().rotateDisclosed();
        rotateAfterDays = draft.rotation().rotateAfterDays() == null ? null
                : String.valueOf(draft.rotation().rotateAfterDays());
        targets.clear();
        draft.targets().forEach(target -> targets.add(target.toString()));
        targetToAdd = null;
    }

    public void save() {
        int minutes;
        try {
            minutes = Integer.parseInt(checkInIntervalMinutes == null ? "" : checkInIntervalMinutes.strip());
        } catch (NumberFormatException e) {
            PageMessages.error("The check-in interval is a whole number of minutes, between "
                    + AgentPolicies.MIN_CHECK_IN_MINUTES + " and " + AgentPolicies.MAX_CHECK_IN_MINUTES + ".");
            return;
        }
        Integer days = null;
        if (rotateAfterDays != null && !rotateAfterDays.isBlank()) {
            try {
                days = Integer.valueOf(rotateAfterDays.strip());
            } catch (NumberFormatException e) {
                PageMessages.error("Rotate every recovery password older than: a whole number of days between "
                        + KeyRotationPolicy.MIN_DAYS + " and " + KeyRotationPolicy.MAX_DAYS
                        + ", or empty for never.");
                return;
            }
        }
        PolicyDraft draft = new PolicyDraft(name, description, enabled, minutes, backupOsDrive,
                backupFixedDrives, backupRemovableDrives, new KeyRotationPolicy(rotateDisclosedKeys, days),
                targets.stream().map(PolicyTarget::parse).collect(Collectors.toList()));
        try {
            Policy saved = editingId == null ? agentPolicies.create(Platform.WINDOWS, draft)
                    : agentPolicies.update(editingId, editingVersion, draft);
            editing = false;
            refresh();
            PageMessages.info("Policy " + saved.getName() + " was saved. Devices receive it at their next check-in.");
        } catch (PolicyException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void cancel() {
        editing = false;
    }

    public void duplicate(UUID id) {
        try {
            Policy copy = agentPolicies.duplicate(id);
            refresh();
            PageMessages.info(copy.getName() + " was created right below the original, disabled: adjust it, then "
                    + "enable it.");
        } catch (PolicyException e) {
            PageMessages.error(e.getMessage());
            refresh();
        }
    }

    public void delete(UUID id, long version) {
        try {
            agentPolicies.delete(id, version);
            if (id.equals(editingId)) {
                editing = false;
            }
            refresh();
            PageMessages.info("The policy was deleted. Devices it applied to get the next matching policy at their "
                    + "next check-in.");
        } catch (PolicyException e) {
            PageMessages.error(e.getMessage());
            refresh();
        }
    }

    public void moveUp(UUID id, int position) {
        move(id, position - 1);
    }

    public void moveDown(UUID id, int position) {
        move(id, position + 1);
    }

    private void move(UUID id, int position) {
        try {
            agentPolicies.move(id, position);
        } catch (PolicyException e) {
            PageMessages.error(e.getMessage());
        }
        refresh();
    }

    /** Target suggestions for the picker, as {@code KIND:uuid} values. */
    public List<String> completeTarget(String text) {
        return picker.complete(targetDirectory, text, null);
    }

    /** Computer suggestions for the effective-policy tool. */
    public List<String> completeDevice(String text) {
        return picker.complete(targetDirectory, text, TargetKind.COMPUTER);
    }

    public String label(String target) {
        return picker.label(targetDirectory, target);
    }

    public void addTarget() {
        if (targetToAdd == null || targetToAdd.isBlank()) {
            PageMessages.error("Type part of a name and pick a tenant, directory, group or computer from the list.");
            return;
        }
        try {
            PolicyTarget.parse(targetToAdd);
        } catch (IllegalArgumentException e) {
            PageMessages.error("Pick a target from the list of suggestions.");
            return;
        }
        if (targets.contains(targetToAdd)) {
            PageMessages.error(label(targetToAdd) + " is already a target of this policy.");
            return;
        }
        targets.add(targetToAdd);
        targetToAdd = null;
    }

    public void removeTarget(String target) {
        targets.remove(target);
    }

    public boolean targetExists(String target) {
        return agentPolicies.exists(PolicyTarget.parse(target));
    }

    public void explain() {
        explanation = null;
        if (deviceToExplain == null || deviceToExplain.isBlank()) {
            PageMessages.error("Type part of a computer name and pick it from the list.");
            return;
        }
        try {
            PolicyTarget device = PolicyTarget.parse(deviceToExplain);
            explanation = agentPolicies.explain(device.getTargetId());
        } catch (IllegalArgumentException e) {
            PageMessages.error("Pick a computer from the list of suggestions.");
        } catch (PolicyException e) {
            PageMessages.error(e.getMessage());
        }
    }

    /** "PC-7 gets Finance laptops." in one sentence, with the reason when it is the default policy. */
    public String getVerdict() {
        if (explanation == null) {
            return "";
        }
        return explanation.deviceName() + " gets " + explanation.policyName()
                + (explanation.defaultPolicy() ? ": no enabled custom policy targets it." : ".");
    }

    public String outcome(PolicyExplanation.Step step) {
        switch (step.outcome()) {
            case APPLIES:
                return "Applies: targets " + String.join(", ", step.matchedTargets());
            case DISABLED:
                return step.matchedTargets().isEmpty() ? "Disabled (and does not target this device)"
                        : "Disabled: would apply through " + String.join(", ", step.matchedTargets());
            default:
                return "No target of this policy contains the device";
        }
    }

    public String getEditorTitle() {
        if (editingDefault) {
            return "Edit the default policy";
        }
        return editingId == null ? "New Windows policy" : "Edit policy " + name;
    }

    private String describe(PolicyTarget target) {
        return label(target.toString());
    }

    private void refresh() {
        policies = null;
        picker.forget();
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isEditingDefault() {
        return editingDefault;
    }

    public List<String> getTargets() {
        return targets;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCheckInIntervalMinutes() {
        return checkInIntervalMinutes;
    }

    public void setCheckInIntervalMinutes(String checkInIntervalMinutes) {
        this.checkInIntervalMinutes = checkInIntervalMinutes;
    }

    public boolean isBackupOsDrive() {
        return backupOsDrive;
    }

    public void setBackupOsDrive(boolean backupOsDrive) {
        this.backupOsDrive = backupOsDrive;
    }

    public boolean isBackupFixedDrives() {
        return backupFixedDrives;
    }

    public void setBackupFixedDrives(boolean backupFixedDrives) {
        this.backupFixedDrives = backupFixedDrives;
    }

    public boolean isBackupRemovableDrives() {
        return backupRemovableDrives;
    }

    public void setBackupRemovableDrives(boolean backupRemovableDrives) {
        this.backupRemovableDrives = backupRemovableDrives;
    }

    public boolean isRotateDisclosedKeys() {
        return rotateDisclosedKeys;
    }

    public void setRotateDisclosedKeys(boolean rotateDisclosedKeys) {
        this.rotateDisclosedKeys = rotateDisclosedKeys;
    }

    public String getRotateAfterDays() {
        return rotateAfterDays;
    }

    public void setRotateAfterDays(String rotateAfterDays) {
        this.rotateAfterDays = rotateAfterDays;
    }

    public int getMinimumRotationDays() {
        return KeyRotationPolicy.MIN_DAYS;
    }

    public int getMaximumRotationDays() {
        return KeyRotationPolicy.MAX_DAYS;
    }

    public String getTargetToAdd() {
        return targetToAdd;
    }

    public void setTargetToAdd(String targetToAdd) {
        this.targetToAdd = targetToAdd;
    }

    public String getDeviceToExplain() {
        return deviceToExplain;
    }

    public void setDeviceToExplain(String deviceToExplain) {
        this.deviceToExplain = deviceToExplain;
    }

    public PolicyExplanation getExplanation() {
        return explanation;
    }

    public int getMinimumInterval() {
        return AgentPolicies.MIN_CHECK_IN_MINUTES;
    }

    public int getMaximumInterval() {
        return AgentPolicies.MAX_CHECK_IN_MINUTES;
    }
}
