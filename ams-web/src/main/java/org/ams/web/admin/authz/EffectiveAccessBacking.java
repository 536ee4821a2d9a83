package org.ams.web.admin.authz;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import org.ams.authz.Access;
import org.ams.authz.AuthorizationDecisions;
import org.ams.authz.Decision;
import org.ams.authz.EntryMatch;
import org.ams.authz.Permission;
import org.ams.authz.RuleConsideration;
import org.ams.devices.DeviceException;
import org.ams.devices.TargetKind;
import org.ams.devices.Targets;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.RoleService;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;
import org.ams.web.admin.settings.PrincipalPicker;

/**
 * Backs {@code admin/authz/effective-access.xhtml}: for a user and a computer, the decision a request would get now,
 * and every rule and entry that produced it. The answer to "why can't I see this key" in one click.
 */
@Named
@ViewScoped
public class EffectiveAccessBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuthorizationDecisions decisions;

    @EJB
    private RoleService roles;

    @EJB
    private Targets targets;

    private final TargetPicker picker = new TargetPicker();

    private final PrincipalPicker principals = new PrincipalPicker();
    private PrincipalRef user;
    private String computer;
    private Permission permission = Permission.READ_BITLOCKER_RECOVERY_PASSWORD;

    private transient Decision decision;
    private String groupsSummary;

    public void search() {
        principals.search(roles, principal -> principal.kind() == PrincipalKind.USER);
    }

    public void choose(PrincipalRef chosen) {
        user = chosen;
        principals.clear();
        decision = null;
    }

    public void check() {
        decision = null;
        if (user == null) {
            PageMessages.error("Search for the user and choose them first.");
            return;
        }
        var key = TargetPicker.parse(computer).filter(k -> k.kind() == TargetKind.COMPUTER);
        if (key.isEmpty()) {
            PageMessages.error("Type part of a computer name and pick it from the list.");
            return;
        }
        try {
            RoleService.DescribedUser explainable = roles.explainable(user);
            AuthenticatedUser described = explainable.user();
            groupsSummary = (described.groups().isEmpty() ? "no groups"
                    : described.groups().stream().map(PrincipalRef::name).sorted(String.CASE_INSENSITIVE_ORDER)
                    .collect(Collectors.joining(", ")))
                    + (explainable.groupsAsOf() == null ? "" : " (as the token of their last sign-in listed them, "
                    + UtcTime.minute(explainable.groupsAsOf()) + ")");
            decision = decisions.explain(described.user(), described.groups(), key.get().id(), permission);
        } catch (IdentityException | DeviceException e) {
            PageMessages.error(e.getMessage());
        }
    }

    /** The decision in one sentence a helpdesk lead can repeat on the phone. */
    public String getVerdict() {
        return decision == null ? "" : decision.verdict(user.name());
    }

    public boolean isGranted() {
        return decision != null && decision.granted();
    }

    public List<RuleConsideration> getConsidered() {
        return decision == null ? List.of() : decision.explanation();
    }

    public String targetOf(RuleConsideration rule) {
        return targets.describe(new org.ams.devices.DevicePlacement.TargetKey(rule.target().kind(),
                rule.target().id()));
    }

    public String relationOf(RuleConsideration rule) {
        switch (rule.targetMatch()) {
            case THE_COMPUTER_ITSELF:
                return "targets this computer";
            case STATIC_GROUP_OF_THE_COMPUTER:
                return "targets a group of this computer";
            case ALL_DEVICES_GROUP_OF_ITS_TENANT:
                return "targets All devices of its tenant";
            case DIRECTORY_OF_THE_COMPUTER:
                return "targets its directory";
            case TENANT_OF_THE_COMPUTER:
                return "targets its tenant";
            default:
                return "about other computers";
        }
    }

    public String statusOf(RuleConsideration rule) {
        switch (rule.status()) {
            case ACTIVE:
                return "active";
            case DISABLED:
                return "disabled";
            case EXPIRED:
                return "expired";
            default:
                return "target deleted";
        }
    }

    /** Which entries name the user and how: "Allow via group Helpdesk (recovery passwords)". */
    public String entriesOf(RuleConsideration rule) {
        if (rule.matchingEntries().isEmpty()) {
            return "no entry names the user or their groups";
        }
        return rule.matchingEntries().stream().map(this::describe).collect(Collectors.joining("; "));
    }

    private String describe(EntryMatch match) {
        String through = match.viaGroup() ? "via group " + match.matchedThrough().name() : "the user";
        return (match.entry().access() == Access.ALLOW ? "Allow " : "Deny ") + through
                + (match.coversPermission() ? "" : " (not for this permission)");
    }

    public boolean isDeciding(RuleConsideration rule) {
        return decision != null && decision.decidingRule() != null
                && decision.decidingRule().ruleId().equals(rule.ruleId());
    }

    public List<String> completeComputer(String text) {
        return picker.complete(targets, text, TargetKind.COMPUTER);
    }

    public String label(String value) {
        return picker.label(targets, value);
    }

    public List<Permission> getPermissions() {
        return List.of(Permission.values());
    }

    public PrincipalPicker getPrincipals() {
        return principals;
    }

    public PrincipalRef getUser() {
        return user;
    }

    public String getUserName() {
        return user == null ? "" : user.name();
    }

    public String getComputer() {
        return computer;
    }

    public void setComputer(String computer) {
        this.computer = computer;
    }

    public Permission getPermission() {
        return permission;
    }

    public void setPermission(Permission permission) {
        this.permission = permission;
    }

    public boolean isDecided() {
        return decision != null;
    }

    public String getGroupsSummary() {
        return groupsSummary;
    }
}
