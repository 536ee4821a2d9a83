package org.ams.policy;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.ams.protocol.wire.AgentPolicy;

/**
 * An agent policy of one platform: the default one (applies when no custom policy does) or a custom one with a
 * place in the ordered list and the targets it applies to. The settings are what the agent is told at check-in.
 */
@Entity
@Table(name = "agent_policy")
@NamedQuery(name = Policy.OF_PLATFORM, query = "SELECT p FROM Policy p WHERE p.platform = :platform "
        + "ORDER BY p.defaultPolicy, p.position")
public class Policy {

    static final String OF_PLATFORM = "Policy.ofPlatform";
    public static final int MAX_NAME = 128;
    public static final int MAX_DESCRIPTION = 1000;

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Platform platform;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    /** Lower-cased name: two policies of a platform may not differ only in case. */
    @Column(name = "name_key", nullable = false, length = MAX_NAME)
    private String nameKey;

    @Column(length = MAX_DESCRIPTION)
    private String description;

    @Column(name = "default_policy", nullable = false)
    private boolean defaultPolicy;

    /** TRUE for the default policy, NULL otherwise: the unique (platform, default_flag) allows one default. */
    @Column(name = "default_flag")
    private Boolean defaultFlag;

    @Column(nullable = false)
    private boolean enabled;

    /** Place in the list of custom policies, from 1; the default policy has 0 and is always evaluated last. */
    @Column(nullable = false)
    private int position;

    @Column(name = "check_in_interval_minutes", nullable = false)
    private int checkInIntervalMinutes;

    @Column(name = "backup_os_drive", nullable = false)
    private boolean backupOsDrive;

    @Column(name = "backup_fixed_drives", nullable = false)
    private boolean backupFixedDrives;

    @Column(name = "backup_removable_drives", nullable = false)
    private boolean backupRemovableDrives;

    @Column(name = "rotate_disclosed_keys", nullable = false)
    private boolean rotateDisclosedKeys;

    /** {@code null}: recovery passwords are not replaced for their age. */
    @Column(name = "rotate_after_days")
    private Integer rotateAfterDays;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_policy_target", joinColumns = @JoinColumn(name = "policy_id"))
    private Set<PolicyTarget> targets = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    @Version
    private long version;

    protected Policy() {
    }

    /** A custom policy at the given place in its platform's list. */
    Policy(Platform platform, int position, PolicyDraft draft) {
        this.id = UUID.randomUUID();
        this.platform = platform;
        this.position = position;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        apply(draft);
    }

    /** Takes over an already checked draft. */
    void apply(PolicyDraft draft) {
        if (!defaultPolicy) {
            this.name = draft.name().strip();
            this.nameKey = name.toLowerCase(Locale.ROOT);
            this.description = draft.description() == null || draft.description().isBlank() ? null
                    : draft.description().strip();
            this.enabled = draft.enabled();
            this.targets.clear();
            this.targets.addAll(draft.distinctTargets());
        }
        this.checkInIntervalMinutes = draft.checkInIntervalMinutes();
        this.backupOsDrive = draft.backupOsDrive();
        this.backupFixedDrives = draft.backupFixedDrives();
        this.backupRemovableDrives = draft.backupRemovableDrives();
        this.rotateDisclosedKeys = draft.rotation().rotateDisclosed();
        this.rotateAfterDays = draft.rotation().rotateAfterDays();
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void moveTo(int newPosition) {
        this.position = newPosition;
    }

    /** The policy as the agent receives it. */
    public AgentPolicy settings() {
        return new AgentPolicy(checkInIntervalMinutes, backupOsDrive, backupFixedDrives, backupRemovableDrives);
    }

    /** What the server does about replacing this policy's devices' recovery passwords. */
    public KeyRotationPolicy rotation() {
        return new KeyRotationPolicy(rotateDisclosedKeys, rotateAfterDays);
    }

    /** A draft holding this policy's current values, for an editor or a copy. */
    public PolicyDraft toDraft() {
        return new PolicyDraft(name, description, enabled, checkInIntervalMinutes, backupOsDrive, backupFixedDrives,
                backupRemovableDrives, rotation(), java.util.List.copyOf(targets));
    }

    public UUID getId() {
        return id;
    }

    public Platform getPlatform() {
        return platform;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isDefaultPolicy() {
        return defaultPolicy;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getPosition() {
        return position;
    }

    public int getCheckInIntervalMinutes() {
        return checkInIntervalMinutes;
    }

    public boolean isBackupOsDrive() {
        return backupOsDrive;
    }

    public boolean isBackupFixedDrives() {
        return backupFixedDrives;
    }

    public boolean isBackupRemovableDrives() {
        return backupRemovableDrives;
    }

    public boolean isRotateDisclosedKeys() {
        return rotateDisclosedKeys;
    }

    public Integer getRotateAfterDays() {
        return rotateAfterDays;
    }

    public Set<PolicyTarget> getTargets() {
        return java.util.Collections.unmodifiableSet(targets);
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public long getVersion() {
        return version;
    }
}
