package org.ams.authz;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.devices.TargetKind;

/**
 * Who may do what on the computers of one target. The target is referred to by kind and id without a foreign key:
 * groups and devices can be deleted while a rule still names them; such a rule then applies to nothing and the rule
 * listing says its target is deleted.
 * <p>
 * Success and failure notification channels live in {@code authorization_rule_channel} (see V10), filled by the
 * notifications component.
 */
@Entity
@Table(name = "authorization_rule")
@NamedQuery(name = AuthorizationRule.ALL, query = "SELECT DISTINCT r FROM AuthorizationRule r "
        + "LEFT JOIN FETCH r.entries")
public class AuthorizationRule {

    static final String ALL = "AuthorizationRule.all";

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_kind", nullable = false, length = 16)
    private TargetKind targetKind;

    @Column(name = "target_id", nullable = false)
    private UUID targetId;

    @Column(nullable = false, length = RuleDefinition.MAX_DESCRIPTION)
    private String description;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    @OneToMany(mappedBy = "rule", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<AuthorizationRuleEntry> entries = new ArrayList<>();

    @jakarta.persistence.ElementCollection(fetch = jakarta.persistence.FetchType.EAGER)
    @jakarta.persistence.CollectionTable(name = "authorization_rule_channel",
            joinColumns = @jakarta.persistence.JoinColumn(name = "rule_id"))
    private java.util.Set<RuleChannel> channels = new java.util.HashSet<>();

    /** 0: the rule's grants need no approval; otherwise see {@link RuleApproval}. */
    @Column(name = "approvals_required", nullable = false)
    private int approvalsRequired;

    @Enumerated(EnumType.STRING)
    @Column(name = "approver_kind", length = 16)
    private org.ams.identity.PrincipalKind approverKind;

    @Column(name = "approver_source", length = 64)
    private String approverSource;

    @Column(name = "approver_id", length = 512)
    private String approverId;

    @Column(name = "approver_name", length = 512)
    private String approverName;

    @Column(name = "approval_window_minutes", nullable = false)
    private int approvalWindowMinutes = 60;

    @Column(name = "approval_single_read", nullable = false)
    private boolean approvalSingleRead = true;

    @Version
    private long version;

    protected AuthorizationRule() {
    }

    AuthorizationRule(RuleDefinition definition) {
        this.id = UUID.randomUUID();
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        define(definition);
    }

    /** Replaces everything an administrator can edit, the ACL as a whole. */
    void define(RuleDefinition definition) {
        this.targetKind = definition.target().kind();
        this.targetId = definition.target().id();
        this.description = definition.description();
        this.enabled = definition.enabled();
        this.expiresAt = definition.expiresAt();
        RuleApproval approval = definition.approval();
        this.approvalsRequired = approval == null ? 0 : approval.required();
        this.approverKind = approval == null ? null : approval.approvers().kind();
        this.approverSource = approval == null ? null : approval.approvers().source();
        this.approverId = approval == null ? null : approval.approvers().id();
        this.approverName = approval == null ? null : approval.approvers().name();
        if (approval != null) {
            this.approvalWindowMinutes = approval.windowMinutes();
            this.approvalSingleRead = approval.singleRead();
        }
        entries.clear();
        List<AccessControlEntry> acl = definition.acl();
        for (int i = 0; i < acl.size(); i++) {
            entries.add(new AuthorizationRuleEntry(this, i, acl.get(i)));
        }
        changed();
    }

    /** Replaces the success and failure channels. */
    void notify(java.util.Collection<java.util.UUID> success, java.util.Collection<java.util.UUID> failure) {
        channels.clear();
        success.forEach(id -> channels.add(new RuleChannel(RuleChannel.Role.SUCCESS, id.toString())));
        failure.forEach(id -> channels.add(new RuleChannel(RuleChannel.Role.FAILURE, id.toString())));
        changed();
    }

    /** The channel ids this rule fires for one outcome. */
    public List<java.util.UUID> channels(RuleChannel.Role role) {
        return channels.stream().filter(channel -> channel.getRole() == role)
                .map(channel -> java.util.UUID.fromString(channel.getChannelId())).sorted().toList();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
        changed();
    }

    private void changed() {
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID getId() {
        return id;
    }

    public RuleTarget getTarget() {
        return new RuleTarget(targetKind, targetId);
    }

    public String getDescription() {
        return description;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Optional<OffsetDateTime> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public long getVersion() {
        return version;
    }

    /** What approval the recovery passwords this rule grants need before they are shown; empty for none. */
    public Optional<RuleApproval> getApproval() {
        return approvalsRequired == 0 ? Optional.empty() : Optional.of(new RuleApproval(
                new org.ams.identity.PrincipalRef(approverKind, approverSource, approverId, approverName),
                approvalsRequired, approvalWindowMinutes, approvalSingleRead));
    }

    public List<AccessControlEntry> getAcl() {
        return entries.stream().sorted(Comparator.comparingInt(AuthorizationRuleEntry::getPosition))
                .map(AuthorizationRuleEntry::toEntry).flatMap(Optional::stream).toList();
    }
}
