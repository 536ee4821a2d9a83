package org.ams.agents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Tenant;

/**
 * What lets a device register: a secret an administrator hands to the agent installation. Only its SHA-256 is stored;
 * the key itself is shown once, when it is created.
 */
@Entity
@Table(name = "registration_key")
@NamedQuery(name = RegistrationKey.BY_HASH, query = "SELECT k FROM RegistrationKey k WHERE k.keyHash = :hash")
@NamedQuery(name = RegistrationKey.ALL, query = "SELECT k FROM RegistrationKey k ORDER BY k.createdAt DESC")
public class RegistrationKey {

    static final String BY_HASH = "RegistrationKey.byHash";
    static final String ALL = "RegistrationKey.all";
    public static final int MAX_NAME = 128;

    @Id
    private UUID id;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(name = "key_hash", nullable = false, length = 64)
    private String keyHash;

    /** The first characters of the key, so an administrator can tell keys apart without seeing them. */
    @Column(name = "key_hint", nullable = false, length = 16)
    private String keyHint;

    @Column(name = "activation_limit")
    private Integer activationLimit;

    @Column(nullable = false)
    private int activations;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "approval_required", nullable = false)
    private boolean approvalRequired;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @ManyToOne(optional = false)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @ManyToMany
    @JoinTable(name = "registration_key_group",
            joinColumns = @JoinColumn(name = "registration_key_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    private Set<DeviceGroup> groups = new HashSet<>();

    @Version
    private long version;

    protected RegistrationKey() {
    }

    RegistrationKey(Tenant tenant, String name, String keyHash, String keyHint, Integer activationLimit,
                    OffsetDateTime expiresAt, boolean approvalRequired, Set<DeviceGroup> groups) {
        this.id = UUID.randomUUID();
        this.tenant = tenant;
        this.name = name;
        this.keyHash = keyHash;
        this.keyHint = keyHint;
        this.activationLimit = activationLimit;
        this.expiresAt = expiresAt;
        this.approvalRequired = approvalRequired;
        this.enabled = true;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.groups.addAll(groups);
    }

    /** Counts one registration, or says why this key cannot register a device now. */
    void activate(OffsetDateTime now) {
        if (!enabled) {
            throw new AgentApiException(AgentRefusal.REGISTRATION_KEY_DISABLED,
                    "This registration key has been disabled by an administrator.");
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            throw new AgentApiException(AgentRefusal.REGISTRATION_KEY_EXPIRED, "This registration key expired on "
                    + expiresAt.toLocalDate() + ".");
        }
        if (activationLimit != null && activations >= activationLimit) {
            throw new AgentApiException(AgentRefusal.REGISTRATION_KEY_EXHAUSTED, "This registration key has been "
                    + "used for all of its " + activationLimit + " registrations.");
        }
        activations++;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The tenant whose AMS directory devices registering with this key join. */
    public Tenant getTenant() {
        return tenant;
    }

    public String getKeyHint() {
        return keyHint;
    }

    public Integer getActivationLimit() {
        return activationLimit;
    }

    public int getActivations() {
        return activations;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public boolean isApprovalRequired() {
        return approvalRequired;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public Set<DeviceGroup> getGroups() {
        return Collections.unmodifiableSet(groups);
    }
}
