package org.ams.agents;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ams.audit.AuditTrail;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceException;
import org.ams.devices.DeviceGroup;
import org.ams.devices.Tenant;
import org.ams.security.RoleNames;

/** Creating, listing and disabling registration keys. */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class RegistrationKeys {

    /** 32 random bytes: guessing one is out of the question, so keys need no rate limit of their own. */
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String KEY_PREFIX = "amsreg_";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private DeviceDirectory directory;

    @EJB
    private AuditTrail audit;

    public List<RegistrationKey> all() {
        return em.createNamedQuery(RegistrationKey.ALL, RegistrationKey.class).getResultList();
    }

    /**
     * @param activationLimit how many devices may register with it; {@code null} for no limit
     * @param expiresAt       when it stops working; {@code null} for never
     */
    public NewRegistrationKey create(UUID tenantId, String name, Integer activationLimit, OffsetDateTime expiresAt,
                                     boolean approvalRequired, Set<UUID> groupIds) {
        Tenant tenant = directory.tenant(tenantId);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > RegistrationKey.MAX_NAME) {
            throw new DeviceException("A registration key needs a name of 1 to " + RegistrationKey.MAX_NAME
                    + " characters.");
        }
        if (all().stream().anyMatch(key -> key.getName().equalsIgnoreCase(trimmed))) {
            throw new DeviceException("A registration key named '" + trimmed + "' already exists.");
        }
        if (activationLimit != null && activationLimit < 1) {
            throw new DeviceException("The activation limit must be at least 1, or empty for no limit.");
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new DeviceException("The expiry date must be in the future.");
        }
        Set<DeviceGroup> groups = new HashSet<>();
        for (UUID groupId : groupIds == null ? Set.<UUID>of() : groupIds) {
            DeviceGroup group = directory.group(groupId);
            if (!group.getTenant().getId().equals(tenant.getId())) {
                throw new DeviceException("The group " + group.getName() + " belongs to another tenant than "
                        + tenant.getName() + ".");
            }
            groups.add(group);
        }
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        // The prefix names what the key is wherever it is pasted, and keeps it from starting with '-', which command
        // lines would take for an option.
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RegistrationKey registrationKey = new RegistrationKey(tenant, trimmed, hash(key), key.substring(0, KEY_PREFIX.length() + 6),
                activationLimit, expiresAt, approvalRequired, groups);
        em.persist(registrationKey);
        audit.record("registration-key.created", "RegistrationKey", registrationKey.getId().toString(), trimmed,
                "tenant " + tenant.getName() + ", activation limit " + (activationLimit == null ? "none" : activationLimit) + ", expires "
                        + (expiresAt == null ? "never" : expiresAt.toString()) + ", approval "
                        + (approvalRequired ? "required" : "not required"));
        return new NewRegistrationKey(registrationKey, key);
    }

    public void setEnabled(UUID id, boolean enabled) {
        RegistrationKey key = Optional.ofNullable(em.find(RegistrationKey.class, id))
                .orElseThrow(() -> new DeviceException("The registration key no longer exists."));
        if (key.isEnabled() != enabled) {
            key.setEnabled(enabled);
            audit.record(enabled ? "registration-key.enabled" : "registration-key.disabled", "RegistrationKey",
                    key.getId().toString(), key.getName(), null);
        }
    }

    /**
     * The key with this clear value, if any, locked until the transaction ends: a fleet registering at once with one
     * key must count its activations one after another, not lose them to each other.
     */
    // Any caller: a registering agent has no signed-in user; it must know the key's clear value.
    @PermitAll
    public Optional<RegistrationKey> findByKeyForActivation(String key) {
        return em.createNamedQuery(RegistrationKey.BY_HASH, RegistrationKey.class).setParameter("hash", hash(key))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
