package org.ams.web.admin.authz;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.authz.Access;
import org.ams.authz.AccessControlEntry;
import org.ams.authz.AuthorizationRuleException;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.Permission;
import org.ams.authz.RuleApproval;
import org.ams.authz.RuleChannel;
import org.ams.authz.RuleDefinition;
import org.ams.authz.RuleOverview;
import org.ams.authz.RuleTarget;
import org.ams.devices.DevicePlacement.TargetKey;
import org.ams.devices.Targets;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.PrincipalStatus;
import org.ams.identity.signin.RoleService;
import org.ams.notify.NotificationChannels;
import org.ams.notify.channel.NotificationChannel;
import org.ams.web.PageMessages;
import org.ams.web.admin.settings.PrincipalPicker;

/**
 * Backs {@code admin/authz/computers.xhtml}: the authorization rules, and the rule editor with its ACL editor
 * (principal picker, Allow or Deny, permissions).
 */
@Named
@ViewScoped
public class ComputerRulesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @EJB
    private AuthorizationRules rules;

    @EJB
    private Targets targets;

    @EJB
    private RoleService roles;

    @EJB
    private NotificationChannels channels;

    private List<String> successChannels = new ArrayList<>();
    private List<String> failureChannels = new ArrayList<>();

    private final TargetPicker picker = new TargetPicker();

    private boolean editing;
    private UUID editingId;
    private long editingVersion;
    private String target;
    private String description;
    private boolean enabled = true;
    private LocalDateTime expiresAt;
    private final List<AccessControlEntry> acl = new ArrayList<>();

    private boolean approvalRequired;
    private PrincipalRef approvers;
    private int approvalsNeeded = 1;
    private int windowMinutes = 60;
    private boolean singleRead = true;
    private final PrincipalPicker approverPicker = new PrincipalPicker();

    private boolean aclEditorOpen;
    private final PrincipalPicker principals = new PrincipalPicker();
    private Access newAccess = Access.ALLOW;
    /** None at first: the administrator chooses each permission an entry gives (or denies). */
    private List<String> newPermissions = new ArrayList<>();

    private transient List<RuleOverview> ruleList;
    /** Channel names by id, read once per page load rather than once per row and column. */
    private transient Map<UUID, String> channelNames;
    /** The ACL entries of the rule being edited whose user or group no longer exists, as it was loaded. */
    private final List<PrincipalRef> missingPrincipals = new ArrayList<>();

    public List<RuleOverview> getRules() {
        if (ruleList == null) {
            ruleList = rules.list();
        }
        return ruleList;
    }

    /** One ACL entry as the list shows it. */
    public record EntryLine(String text, boolean missing, boolean unchecked) {
    }

    public List<EntryLine> aclLines(RuleOverview rule) {
        List<EntryLine> lines = new ArrayList<>();
        for (int i = 0; i < rule.acl().size(); i++) {
            PrincipalStatus status = rule.principalStatus(i);
            lines.add(new EntryLine(describe(rule.acl().get(i), status), status == PrincipalStatus.NO_LONGER_EXISTS,
                    status == PrincipalStatus.NOT_CHECKED));
        }
        return lines;
    }

    public String targetOf(RuleOverview rule) {
        return rule.target().kind().label() + " " + rule.targetName();
    }

    public String statusOf(RuleOverview rule) {
        switch (rule.status(OffsetDateTime.now())) {
            case ACTIVE:
                return "Active";
            case DISABLED:
                return "Disabled";
            case EXPIRED:
                return "Expired";
            default:
                return "Target deleted";
        }
    }

    public String expiryOf(RuleOverview rule) {
        return rule.expiresAt() == null ? "never"
                : rule.expiresAt().atZoneSameInstant(ZoneId.systemDefault()).format(EXPIRY);
    }

    /**
     * "Allow group Helpdesk: Read BitLocker recovery passwords, Read BitLocker key metadata"; "Allow (no longer
     * exists) user bob: ..." for a user or group deleted from its source, "(could not be checked)" when the source
     * could not be asked.
     */
    public String describe(AccessControlEntry entry, PrincipalStatus status) {
        String marker = switch (status) {
            case NO_LONGER_EXISTS -> "(no longer exists) ";
            case NOT_CHECKED -> "(could not be checked) ";
            default -> "";
        };
        return (entry.access() == Access.ALLOW ? "Allow " : "Deny ") + marker + kindOf(entry.principal()) + " "
                + entry.principal().name() + ": " + permissionsOf(entry);
    }

    /** For the editor's ACL table: whether the entry's user or group was missing when the rule was opened. */
    public boolean missing(AccessControlEntry entry) {
        return missingPrincipals.stream().anyMatch(principal -> principal.sameAs(entry.principal()));
    }

    public String permissionsOf(AccessControlEntry entry) {
        return entry.permissions().stream().map(Permission::label).collect(Collectors.joining(", "));
    }

    public String kindOf(PrincipalRef principal) {
        return principal.kind() == PrincipalKind.GROUP ? "group" : "user";
    }

    public void startNew() {
        editing = true;
        editingId = null;
        editingVersion = 0;
        target = null;
        description = null;
        enabled = true;
        expiresAt = null;
        acl.clear();
        missingPrincipals.clear();
        showApproval(null);
        successChannels = new ArrayList<>();
        failureChannels = new ArrayList<>();
        closeAclEditor();
    }

    public void edit(UUID id) {
        try {
            RuleOverview rule = rules.get(id);
            editing = true;
            editingId = id;
            editingVersion = rule.version();
            target = TargetPicker.value(new TargetKey(rule.target().kind(), rule.target().id()));
            description = rule.description();
            enabled = rule.enabled();
            expiresAt = rule.expiresAt() == null ? null
                    : rule.expiresAt().atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
            acl.clear();
            acl.addAll(rule.acl());
            showApproval(rule.approval());
            missingPrincipals.clear();
            for (int i = 0; i < rule.acl().size(); i++) {
                if (rule.principalStatus(i) == PrincipalStatus.NO_LONGER_EXISTS) {
                    missingPrincipals.add(rule.acl().get(i).principal());
                }
            }
            successChannels = rule.successChannels().stream().map(UUID::toString)
                    .collect(Collectors.toCollection(ArrayList::new));
            failureChannels = rule.failureChannels().stream().map(UUID::toString)
                    .collect(Collectors.toCollection(ArrayList::new));
            closeAclEditor();
        } catch (AuthorizationRuleException e) {
            PageMessages.error(e.getMessage());
            refresh();
        }
    }

    public void save() {
        try {
            RuleDefinition definition = new RuleDefinition(ruleTarget(), description, enabled,
                    expiresAt == null ? null : expiresAt.atZone(ZoneId.systemDefault()).toOffsetDateTime(),
                    List.copyOf(acl), approvalRequired
                    ? new RuleApproval(approvers, approvalsNeeded, windowMinutes, singleRead) : null);
            RuleOverview saved = rules.save(editingId, editingVersion, definition, ids(successChannels),
                    ids(failureChannels));
            editing = false;
            refresh();
            PageMessages.info("Rule \"" + saved.description() + "\" was saved; it decides from the next request on.");
        } catch (AuthorizationRuleException e) {
            PageMessages.error(e.getMessage());
        }
    }

    private static List<UUID> ids(List<String> values) {
        return values == null ? List.of() : values.stream().map(UUID::fromString).collect(Collectors.toList());
    }

    /** Every channel, for the success and failure pickers. */
    public List<NotificationChannel> getChannelChoices() {
        return channels.list();
    }

    /** The names of the channels a rule fires for one outcome, for the list; a channel deleted since is left out. */
    public String channelsOf(RuleOverview rule, String role) {
        if (channelNames == null) {
            channelNames = channels.list().stream()
                    .collect(Collectors.toMap(NotificationChannel::getId, NotificationChannel::getName));
        }
        List<UUID> ids = RuleChannel.Role.valueOf(role) == RuleChannel.Role.SUCCESS ? rule.successChannels()
                : rule.failureChannels();
        return ids.stream().map(channelNames::get).filter(Objects::nonNull).sorted()
                .collect(Collectors.joining(", "));
    }

    private RuleTarget ruleTarget() {
        if (target == null || target.isBlank()) {
            return null;
        }
        TargetKey key = TargetPicker.parse(target).orElseThrow(() -> new AuthorizationRuleException(
                AuthorizationRuleException.Reason.TARGET_NOT_FOUND,
                "Pick the tenant, directory, device group or computer from the list of suggestions."));
        return new RuleTarget(key.kind(), key.id());
    }

    public void cancel() {
        editing = false;
    }

    public void toggle(RuleOverview rule) {
        try {
            if (rule.enabled()) {
                rules.disable(rule.id(), rule.version());
            } else {
                rules.enable(rule.id(), rule.version());
            }
        } catch (AuthorizationRuleException e) {
            PageMessages.error(e.getMessage());
        }
        refresh();
    }

    public void delete(RuleOverview rule) {
        try {
            rules.delete(rule.id(), rule.version());
            if (rule.id().equals(editingId)) {
                editing = false;
            }
            PageMessages.info("Rule \"" + rule.description() + "\" was deleted.");
        } catch (AuthorizationRuleException e) {
            PageMessages.error(e.getMessage());
        }
        refresh();
    }

    // ---- Approval ----

    private void showApproval(RuleApproval approval) {
        approvalRequired = approval != null;
        approvers = approval == null ? null : approval.approvers();
        approvalsNeeded = approval == null ? 1 : approval.required();
        windowMinutes = approval == null ? 60 : approval.windowMinutes();
        singleRead = approval == null || approval.singleRead();
        approverPicker.clear();
    }

    /** "2 approvals by group Security officers (local), readable for 60 minute(s), one read". */
    public String approvalOf(RuleOverview rule) {
        return rule.approval() == null ? "none" : rule.approval().describe();
    }

    public void searchApprovers() {
        approverPicker.search(roles, principal -> true);
    }

    public void chooseApprovers(PrincipalRef principal) {
        approvers = principal;
        approverPicker.clear();
    }

    public String getApproversText() {
        return approvers == null ? "None chosen yet: search for a user or group and choose it."
                : kindOf(approvers) + " " + approvers.name();
    }

    public PrincipalPicker getApproverPicker() {
        return approverPicker;
    }

    public boolean isApprovalRequired() {
        return approvalRequired;
    }

    public void setApprovalRequired(boolean approvalRequired) {
        this.approvalRequired = approvalRequired;
    }

    public int getApprovalsNeeded() {
        return approvalsNeeded;
    }

    public void setApprovalsNeeded(int approvalsNeeded) {
        this.approvalsNeeded = approvalsNeeded;
    }

    public int getWindowMinutes() {
        return windowMinutes;
    }

    public void setWindowMinutes(int windowMinutes) {
        this.windowMinutes = windowMinutes;
    }

    public boolean isSingleRead() {
        return singleRead;
    }

    public void setSingleRead(boolean singleRead) {
        this.singleRead = singleRead;
    }

    // ---- ACL editor ----

    public void openAclEditor() {
        aclEditorOpen = true;
    }

    public void closeAclEditor() {
        aclEditorOpen = false;
        principals.clear();
    }

    public void search() {
        principals.search(roles, principal -> true);
    }

    public void addEntry(PrincipalRef principal) {
        if (newPermissions == null || newPermissions.isEmpty()) {
            PageMessages.error("Choose at least one permission for the entry.");
            return;
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        newPermissions.forEach(name -> permissions.add(Permission.valueOf(name)));
        boolean listed = acl.stream().anyMatch(entry -> entry.principal().sameAs(principal)
                && entry.access() == newAccess);
        if (listed) {
            PageMessages.error(principal.name() + " already has an " + newAccess.name().toLowerCase()
                    + " entry; remove it first to change its permissions.");
            return;
        }
        acl.add(new AccessControlEntry(principal, newAccess, permissions));
    }

    public void removeEntry(int index) {
        if (index >= 0 && index < acl.size()) {
            acl.remove(index);
        }
    }

    public List<String> completeTarget(String text) {
        return picker.complete(targets, text, null);
    }

    public String label(String value) {
        return picker.label(targets, value);
    }

    public List<Permission> getPermissionChoices() {
        return List.of(Permission.values());
    }

    public List<Access> getAccessChoices() {
        return List.of(Access.values());
    }

    public String getEditorTitle() {
        return editingId == null ? "New authorization rule" : "Edit authorization rule";
    }

    private void refresh() {
        ruleList = null;
        channelNames = null;
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isAclEditorOpen() {
        return aclEditorOpen;
    }

    public List<AccessControlEntry> getAcl() {
        return acl;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
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

    public LocalDateTime getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(LocalDateTime expiresAt) {
        this.expiresAt = expiresAt;
    }

    public PrincipalPicker getPrincipals() {
        return principals;
    }

    public Access getNewAccess() {
        return newAccess;
    }

    public void setNewAccess(Access newAccess) {
        this.newAccess = newAccess;
    }

    public List<String> getSuccessChannels() {
        return successChannels;
    }

    public void setSuccessChannels(List<String> successChannels) {
        this.successChannels = successChannels;
    }

    public List<String> getFailureChannels() {
        return failureChannels;
    }

    public void setFailureChannels(List<String> failureChannels) {
        this.failureChannels = failureChannels;
    }

    public List<String> getNewPermissions() {
        return newPermissions;
    }

    public void setNewPermissions(List<String> newPermissions) {
        this.newPermissions = newPermissions;
    }
}
