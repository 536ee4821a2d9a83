package org.ams.it.upgrade;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ams.devices.DeviceState;
import org.ams.devices.Tenant;
import org.ams.escrow.KeyState;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.envelope.EnvelopeException;
import org.ams.protocol.wire.DriveType;

/**
 * The device directory and the escrow, as agents and administrators filled them: tenants, their AMS directories and
 * device groups, registration keys (only their SHA-256 stored), devices with EC P-256 keys in every state, and
 * escrowed recovery passwords with history (V5); a second tenant's key and devices once keys belong to a tenant
 * (V7); and keys escrowed after the rotation began, sealed to the new certificate (V13).
 */
final class DeviceData {

    static final UUID DEFAULT_DIRECTORY = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID DEFAULT_ALL_DEVICES = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final String ACTOR = IdentityData.ACTOR;

    private DeviceData() {
    }

    /** V5: a second tenant, groups, registration keys, devices in every state and their escrowed keys. */
    static void directoryAndEscrow(FixtureContext ctx) throws Exception {
        ctx.facts.put("tenant.default.id", Tenant.DEFAULT).put("tenant.default.name", "Default")
                .put("tenant.default.directory", DEFAULT_DIRECTORY).put("tenant.default.all-devices", DEFAULT_ALL_DEVICES);
        tenant(ctx, "branch", "Contoso Branch");
        group(ctx, "laptops", "default", "Laptops", "Company laptops");
        group(ctx, "servers", "default", "Servers", null);
        group(ctx, "kiosks", "branch", "Branch kiosks", "Kiosks in the branch office");
        ctx.rows.update("UPDATE agent_settings SET agent_support_enabled = TRUE, changed_at = ?, version = 1 "
                + "WHERE id = 1", ctx.now());
        ctx.audited(ACTOR, "agent-support.enabled", "AgentSettings", null, "Agent support", null);

        registrationKey(ctx, "fleet", "Default fleet 2024", "default", 500, null, false, List.of("laptops"));
        registrationKey(ctx, "servers", "Servers (approval)", "default", null, ctx.now().plusYears(3), true,
                List.of("servers"));

        device(ctx, "laptop", "PC-LAPTOP-01", "fleet", DeviceState.APPROVED);
        escrowChanged(ctx, "laptop-os", "laptop", DriveType.OS, "C:");
        escrow(ctx, "laptop-data", "laptop", DriveType.FIXED, "D:");

        device(ctx, "server", "SRV-FILE-01", "servers", DeviceState.PENDING);
        changeState(ctx, "server", DeviceState.APPROVED, "device.approved");
        escrow(ctx, "server-os", "server", DriveType.OS, "C:");

        device(ctx, "retired", "PC-KIOSK-OLD", "fleet", DeviceState.APPROVED);
        escrow(ctx, "retired-os", "retired", DriveType.OS, "C:");
        changeState(ctx, "retired", DeviceState.DELETED, "device.deleted");
        ctx.rows.update("DELETE FROM device_group_member WHERE device_id = ?", ctx.facts.id("device.retired.id"));
        ctx.facts.put("device.retired.groups", "");

        device(ctx, "disabled", "PC-DISABLED-03", "fleet", DeviceState.APPROVED);
        escrow(ctx, "disabled-os", "disabled", DriveType.OS, "C:");
        changeState(ctx, "disabled", DeviceState.DISABLED, "device.disabled");

        device(ctx, "pending", "PC-PENDING-07", "servers", DeviceState.PENDING);
        device(ctx, "rogue", "PC-ROGUE", "servers", DeviceState.PENDING);
        changeState(ctx, "rogue", DeviceState.REJECTED, "device.rejected");

        ctx.rows.insert("used_assertion", "jti", "upgrade-" + UUID.randomUUID(), "device_id",
                ctx.facts.id("device.laptop.id"), "expires_at", ctx.now().plusMinutes(5));
    }

    /** V7: registration keys now belong to a tenant; the branch office gets its own key and devices. */
    static void tenantKeys(FixtureContext ctx) throws Exception {
        for (String key : List.of("fleet", "servers")) {
            ctx.facts.put("registration-key." + key + ".tenant", "default");
        }
        registrationKey(ctx, "branch", "Branch office 2025", "branch", 50, null, false, List.of("kiosks"));
        device(ctx, "kiosk", "BR-KIOSK-01", "branch", DeviceState.APPROVED);
        escrow(ctx, "kiosk-os", "kiosk", DriveType.OS, "C:");
        escrow(ctx, "kiosk-usb", "kiosk", DriveType.REMOVABLE, "E:");
        device(ctx, "branch-pc", "BR-PC-02", "branch", DeviceState.APPROVED);
        escrow(ctx, "branch-pc-os", "branch-pc", DriveType.OS, "C:");
    }

    /** V13: a device that registered after the rotation began, and a key changed since; sealed to the new certificate. */
    static void escrowAfterRotation(FixtureContext ctx) throws Exception {
        device(ctx, "branch-laptop", "BR-LAPTOP-03", "branch", DeviceState.APPROVED);
        escrow(ctx, "branch-laptop-os", "branch-laptop", DriveType.OS, "C:");
        supersede(ctx, "laptop-data", "laptop-data-new");
    }

    private static void tenant(FixtureContext ctx, String handle, String name) throws SQLException {
        UUID tenant = UUID.randomUUID();
        UUID directory = UUID.randomUUID();
        UUID allDevices = UUID.randomUUID();
        OffsetDateTime at = ctx.now();
        ctx.rows.insert("tenant", "id", tenant, "name", name, "built_in", false, "created_at", at, "version", 0);
        ctx.rows.insert("directory", "id", directory, "tenant_id", tenant, "name", "AMS", "kind", "AMS",
                "built_in", true, "created_at", at, "version", 0);
        ctx.rows.insert("device_group", "id", allDevices, "tenant_id", tenant, "name", "All devices",
                "description", "Every device of the tenant", "all_devices", true, "created_at", at, "version", 0);
        ctx.audited(ACTOR, "tenant.created", "Tenant", tenant, name, null);
        ctx.facts.put("tenant." + handle + ".id", tenant).put("tenant." + handle + ".name", name)
                .put("tenant." + handle + ".directory", directory).put("tenant." + handle + ".all-devices", allDevices);
    }

    private static void group(FixtureContext ctx, String handle, String tenant, String name, String description)
            throws SQLException {
        UUID id = UUID.randomUUID();
        ctx.rows.insert("device_group", "id", id, "tenant_id", ctx.facts.id("tenant." + tenant + ".id"), "name", name,
                "description", description, "all_devices", false, "created_at", ctx.now(), "version", 0);
        ctx.audited(ACTOR, "device-group.created", "DeviceGroup", id, name, null);
        ctx.facts.put("device-group." + handle + ".id", id).put("device-group." + handle + ".name", name)
                .put("device-group." + handle + ".tenant", tenant);
    }

    private static void registrationKey(FixtureContext ctx, String handle, String name, String tenant,
                                        Integer activationLimit, OffsetDateTime expiresAt, boolean approval,
                                        List<String> groups) throws SQLException {
        String key = ProductConstants.REGISTRATION_KEY_PREFIX + FixtureCrypto.newToken(32);
        UUID id = UUID.randomUUID();
        Object[] row = {"id", id, "name", name, "key_hash", FixtureFacts.sha256(key),
                "key_hint", key.substring(0, ProductConstants.REGISTRATION_KEY_PREFIX.length() + 6),
                "activation_limit", activationLimit, "activations", 0, "expires_at", expiresAt,
                "approval_required", approval, "enabled", true, "created_at", ctx.now(), "version", 0};
        if (ctx.version() >= 7) {
            Object[] withTenant = java.util.Arrays.copyOf(row, row.length + 2);
            withTenant[row.length] = "tenant_id";
            withTenant[row.length + 1] = ctx.facts.id("tenant." + tenant + ".id");
            row = withTenant;
        }
        ctx.rows.insert("registration_key", row);
        for (String group : groups) {
            ctx.rows.insert("registration_key_group", "registration_key_id", id,
                    "group_id", ctx.facts.id("device-group." + group + ".id"));
        }
        ctx.audited(ACTOR, "registration-key.created", "RegistrationKey", id, name, "activation limit "
                + (activationLimit == null ? "none" : activationLimit) + ", approval "
                + (approval ? "required" : "not required"));
        ctx.facts.put("registration-key." + handle + ".id", id).put("registration-key." + handle + ".name", name)
                .put("registration-key." + handle + ".tenant", tenant)
                .put("registration-key." + handle + ".groups", String.join(",", groups))
                .put("registration-key." + handle + ".approval", approval)
                .put("registration-key." + handle + ".key.sha256", FixtureFacts.sha256(key))
                .put("registration-key." + handle + ".key.sealed",
                        ctx.crypto.sealText(key.toCharArray(), FixtureFacts.SEALED_PURPOSE));
    }

    /** A device as registration made it: in its key's tenant's AMS directory and groups, then counted on the key. */
    private static void device(FixtureContext ctx, String handle, String name, String registrationKey,
                               DeviceState state) throws SQLException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] publicKey = generator.generateKeyPair().getPublic().getEncoded();
        UUID id = UUID.randomUUID();
        UUID key = ctx.facts.id("registration-key." + registrationKey + ".id");
        String tenant = ctx.facts.get("registration-key." + registrationKey + ".tenant");
        OffsetDateTime at = ctx.now();
        ctx.rows.insert("device", "id", id, "directory_id", ctx.facts.id("tenant." + tenant + ".directory"),
                "name", name, "name_key", name.toLowerCase(Locale.ROOT),
                "dns_name", name.toLowerCase(Locale.ROOT) + ".corp.example", "os_name", "Windows 11 Enterprise",
                "os_version", "10.0.22631", "agent_version", "1." + ctx.version() + ".0", "public_key", publicKey,
                "public_key_sha256", FixtureFacts.sha256(publicKey), "state", state, "registration_key_id", key,
                "registered_at", at, "last_check_in_at", at.plusMinutes(1), "state_changed_at", at, "version", 0);
        List<String> groups = ctx.facts.list("registration-key." + registrationKey + ".groups");
        for (String group : groups) {
            ctx.rows.insert("device_group_member", "group_id", ctx.facts.id("device-group." + group + ".id"),
                    "device_id", id);
        }
        ctx.rows.update("UPDATE registration_key SET activations = activations + 1, version = version + 1 "
                + "WHERE id = ?", key);
        ctx.audited("system", "device.registered", "Device", id, name,
                "registration key '" + ctx.facts.get("registration-key." + registrationKey + ".name") + "', state "
                        + state);
        ctx.facts.put("device." + handle + ".id", id).put("device." + handle + ".name", name)
                .put("device." + handle + ".tenant", tenant).put("device." + handle + ".groups", String.join(",", groups))
                .put("device." + handle + ".state", state);
    }

    private static void changeState(FixtureContext ctx, String device, DeviceState state, String action)
            throws SQLException {
        UUID id = ctx.facts.id("device." + device + ".id");
        ctx.rows.update("UPDATE device SET state = ?, state_changed_at = ?, version = version + 1 WHERE id = ?",
                state, ctx.now(), id);
        ctx.audited(ACTOR, action, "Device", id, ctx.facts.get("device." + device + ".name"), null);
        ctx.facts.put("device." + device + ".state", state);
    }

    /** A recovery password escrowed for one volume's protector, sealed to the active certificate. */
    private static UUID escrow(FixtureContext ctx, String handle, String device, DriveType drive, String mountPoint)
            throws SQLException, EnvelopeException {
        return escrow(ctx, handle, device, drive, mountPoint, ProtectorId.of(UUID.randomUUID()),
                "\\\\?\\Volume{" + UUID.randomUUID() + "}\\");
    }

    private static UUID escrow(FixtureContext ctx, String handle, String device, DriveType drive, String mountPoint,
                               ProtectorId protector, String volume) throws SQLException, EnvelopeException {
        UUID secret = CertificateData.seal(ctx, handle, CertificateData.active(ctx));
        UUID id = UUID.randomUUID();
        OffsetDateTime at = ctx.now();
        ctx.rows.insert("recovery_key", "id", id, "device_id", ctx.facts.id("device." + device + ".id"),
                "volume_id", volume, "mount_point", mountPoint, "drive_type", drive,
                "protector_id", protector.value(), "key_id", protector.keyId(), "secret_id", secret,
                "state", KeyState.CURRENT, "current_flag", true, "escrowed_at", at, "last_seen_at", at.plusHours(1),
                "superseded_at", null, "version", 0);
        ctx.facts.put("recovery-key." + handle + ".id", id).put("recovery-key." + handle + ".device", device)
                .put("recovery-key." + handle + ".protector", protector.value())
                .put("recovery-key." + handle + ".key-id", protector.keyId())
                .put("recovery-key." + handle + ".volume", volume).put("recovery-key." + handle + ".drive", drive)
                .put("recovery-key." + handle + ".mount", mountPoint == null ? "" : mountPoint)
                .put("recovery-key." + handle + ".state", KeyState.CURRENT)
                .put("recovery-key." + handle + ".secret", handle);
        return id;
    }

    /** A key whose password changed on the device: the old row becomes history, the new one is current. */
    private static void escrowChanged(FixtureContext ctx, String handle, String device, DriveType drive,
                                      String mountPoint) throws SQLException, EnvelopeException {
        escrow(ctx, handle + "-old", device, drive, mountPoint);
        supersede(ctx, handle + "-old", handle);
    }

    private static void supersede(FixtureContext ctx, String old, String replacement)
            throws SQLException, EnvelopeException {
        ctx.rows.update("UPDATE recovery_key SET state = ?, current_flag = NULL, superseded_at = ?, "
                + "version = version + 1 WHERE id = ?", KeyState.SUPERSEDED, ctx.now(),
                ctx.facts.id("recovery-key." + old + ".id"));
        ctx.facts.put("recovery-key." + old + ".state", KeyState.SUPERSEDED);
        escrow(ctx, replacement, ctx.facts.get("recovery-key." + old + ".device"),
                DriveType.valueOf(ctx.facts.get("recovery-key." + old + ".drive")),
                ctx.facts.get("recovery-key." + old + ".mount"), ProtectorId.parse(ctx.facts.get("recovery-key." + old + ".protector")),
                ctx.facts.get("recovery-key." + old + ".volume"));
    }
}
