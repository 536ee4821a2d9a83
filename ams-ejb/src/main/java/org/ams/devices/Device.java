package org.ams.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A computer known to AMS. Registered devices carry the public key the agent made; every request the agent sends
 * afterwards is checked against it.
 */
@Entity
@Table(name = "device")
@NamedQuery(name = Device.BY_PUBLIC_KEY, query = "SELECT d FROM Device d WHERE d.publicKeySha256 = :hash")
@NamedQuery(name = Device.LISTED, query = "SELECT d FROM Device d WHERE d.state <> org.ams.devices.DeviceState.DELETED"
        + " ORDER BY d.nameKey")
public class Device {

    static final String BY_PUBLIC_KEY = "Device.byPublicKey";
    static final String LISTED = "Device.listed";
    public static final int MAX_NAME = 255;

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "directory_id")
    private Directory directory;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    /** Lower-cased name for look-ups: Windows computer names are case-insensitive. */
    @Column(name = "name_key", nullable = false, length = MAX_NAME)
    private String nameKey;

    @Column(name = "dns_name", length = MAX_NAME)
    private String dnsName;

    /** The lower-cased DNS name for look-ups, kept by the database (a generated column, V37): never written here. */
    @Column(name = "dns_key", length = MAX_NAME, insertable = false, updatable = false)
    private String dnsKey;

    @Column(name = "os_name", length = 128)
    private String osName;

    @Column(name = "os_version", length = 128)
    private String osVersion;

    @Column(name = "agent_version", length = 64)
    private String agentVersion;

    /** {@code null} while the device is IMPORTED (no agent has registered from it yet). */
    @Column(name = "public_key")
    private byte[] publicKey;

    @Column(name = "public_key_sha256", length = 64)
    private String publicKeySha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeviceState state;

    /**
     * The registration key the agent registered with; {@code null} for an imported device. Column registration_key_id,
     * written by {@link DeviceDirectory#add} with a statement of its own and never read: EclipseLink 4.0.7 fails on
     * reading a NULL UUID column, and on PostgreSQL binds a NULL one as text.
     */
    @Transient
    private UUID registrationKeyId;

    @Column(name = "registered_at", nullable = false)
    private OffsetDateTime registeredAt;

    @Column(name = "last_check_in_at")
    private OffsetDateTime lastCheckInAt;

    /** Space-separated; {@code null} until a check-in could read the volumes. */
    @Column(name = "reported_protector_ids", length = 40960)
    private String reportedProtectorIds;

    @Column(name = "state_changed_at", nullable = false)
    private OffsetDateTime stateChangedAt;

    /** Newline-separated, most recent first; {@code null} until an agent that reports them checked in. */
    @Column(name = "signed_in_users", length = 8448)
    private String signedInUsers;

    @Column(name = "primary_user", length = UserName.MAX_LENGTH)
    private String primaryUser;

    @ManyToMany
    @JoinTable(name = "device_group_member",
            joinColumns = @JoinColumn(name = "device_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    private Set<DeviceGroup> groups = new HashSet<>();

    @Version
    private long version;

    protected Device() {
    }

    public Device(Directory directory, ReportedFacts facts, byte[] publicKey, String publicKeySha256,
                  boolean approvalRequired, UUID registrationKeyId) {
        this.id = UUID.randomUUID();
        this.directory = directory;
        this.publicKey = publicKey.clone();
        this.publicKeySha256 = publicKeySha256;
        this.state = approvalRequired ? DeviceState.PENDING : DeviceState.APPROVED;
        this.registrationKeyId = registrationKeyId;
        this.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.stateChangedAt = registeredAt;
        report(facts);
    }

    /**
     * A computer found in a directory by the BitLocker key import, with no agent: IMPORTED, with no public key, until
     * an agent registers from it ({@link #agentRegistered}).
     */
    public static Device imported(Directory directory, ReportedFacts facts) {
        Device device = new Device();
        device.id = UUID.randomUUID();
        device.directory = directory;
        device.state = DeviceState.IMPORTED;
        device.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        device.stateChangedAt = device.registeredAt;
        device.report(facts);
        return device;
    }

    /**
     * The agent registered from this imported computer: the device takes the agent's key and facts and becomes PENDING
     * or APPROVED as a new registration would; its escrowed keys stay.
     */
    public void agentRegistered(ReportedFacts facts, byte[] publicKey, String publicKeySha256, boolean approvalRequired,
                                UUID registrationKeyId) {
        if (state != DeviceState.IMPORTED) {
            throw new DeviceStateException("Only an imported device without an agent can take an agent's "
                    + "registration.");
        }
        this.publicKey = publicKey.clone();
        this.publicKeySha256 = publicKeySha256;
        this.registrationKeyId = registrationKeyId;
        this.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        move(approvalRequired ? DeviceState.PENDING : DeviceState.APPROVED, EnumSet.of(DeviceState.IMPORTED));
        report(facts);
    }

    UUID registrationKeyId() {
        return registrationKeyId;
    }

    /** Whether an agent registered from this device (an imported computer has none yet). */
    public boolean hasAgent() {
        return publicKey != null;
    }

    /** What the agent says about the device at every check-in; names may change, the device stays the same. */
    public void report(ReportedFacts facts) {
        this.name = facts.name();
        this.nameKey = facts.name().toLowerCase(Locale.ROOT);
        this.dnsName = facts.dnsName();
        this.osName = facts.osName();
        this.osVersion = facts.osVersion();
        this.agentVersion = facts.agentVersion();
    }

    public void checkedIn() {
        this.lastCheckInAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Every recovery-password protector id the agent found on the device's volumes at this check-in. */
    public void inventoried(Collection<String> protectorIds) {
        String joined = String.join(" ", new TreeSet<>(protectorIds));
        if (!joined.equals(reportedProtectorIds)) {
            this.reportedProtectorIds = joined;
        }
    }

    /** What the agent last reported on the device's volumes; empty before a check-in could read them. */
    public List<String> getReportedProtectorIds() {
        return reportedProtectorIds == null || reportedProtectorIds.isEmpty() ? List.of()
                : List.of(reportedProtectorIds.split(" "));
    }

    /**
     * The accounts the agent found signed in on the device at this check-in (written only when they changed, so a
     * check-in that reports the same users costs no update).
     */
    public void usersSignedIn(List<String> users) {
        String joined = String.join("\n", users);
        if (!joined.equals(signedInUsers)) {
            this.signedInUsers = joined;
        }
    }

    /** Who the agent last reported signed in on the device, most recent first; empty before it reported any. */
    public List<String> getSignedInUsers() {
        return signedInUsers == null || signedInUsers.isEmpty() ? List.of() : List.of(signedInUsers.split("\n"));
    }

    /** The device's primary user as an administrator set it, or {@code null}. */
    public String getPrimaryUser() {
        return primaryUser;
    }

    void setPrimaryUser(String primaryUser) {
        this.primaryUser = primaryUser;
    }

    /**
     * How the signed-in AMS user is a user of this device: {@code "primary user"}, {@code "signed in on the device"},
     * or empty when neither the primary user nor any reported user {@linkplain UserName#matches matches} the name.
     */
    public Optional<String> userRelation(String amsUserName) {
        Optional<UserName> user = UserName.parse(amsUserName);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (UserName.parse(primaryUser).filter(user.get()::matches).isPresent()) {
            return Optional.of("primary user");
        }
        return getSignedInUsers().stream().flatMap(name -> UserName.parse(name).stream()).anyMatch(user.get()::matches)
                ? Optional.of("signed in on the device") : Optional.empty();
    }

    public void approve() {
        move(DeviceState.APPROVED, EnumSet.of(DeviceState.PENDING, DeviceState.REJECTED));
    }

    public void reject() {
        move(DeviceState.REJECTED, EnumSet.of(DeviceState.PENDING));
    }

    public void disable() {
        move(DeviceState.DISABLED, EnumSet.of(DeviceState.APPROVED, DeviceState.PENDING));
    }

    public void enable() {
        move(DeviceState.APPROVED, EnumSet.of(DeviceState.DISABLED));
    }

    public void delete() {
        move(DeviceState.DELETED, EnumSet.complementOf(EnumSet.of(DeviceState.DELETED)));
        groups.clear();
    }

    private void move(DeviceState target, Set<DeviceState> from) {
        if (!from.contains(state)) {
            String current = state.name().toLowerCase(Locale.ROOT);
            throw new DeviceStateException((current.startsWith("a") ? "An " : "A ") + current
                    + " device cannot become " + target.name().toLowerCase(Locale.ROOT) + ".");
        }
        this.state = target;
        this.stateChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void join(DeviceGroup group) {
        if (!group.isAllDevices()) {
            groups.add(group);
        }
    }

    /** @return whether the device was in the group */
    public boolean leave(DeviceGroup group) {
        return groups.remove(group);
    }

    public UUID getId() {
        return id;
    }

    public Directory getDirectory() {
        return directory;
    }

    public String getName() {
        return name;
    }

    public String getDnsName() {
        return dnsName;
    }

    public String getOsName() {
        return osName;
    }

    public String getOsVersion() {
        return osVersion;
    }

    public String getAgentVersion() {
        return agentVersion;
    }

    /** @return the agent's public key; empty for an imported device without an agent */
    public byte[] getPublicKey() {
        return publicKey == null ? new byte[0] : publicKey.clone();
    }

    public DeviceState getState() {
        return state;
    }

    public OffsetDateTime getRegisteredAt() {
        return registeredAt;
    }

    public OffsetDateTime getLastCheckInAt() {
        return lastCheckInAt;
    }

    public Set<DeviceGroup> getGroups() {
        return Collections.unmodifiableSet(groups);
    }
}
