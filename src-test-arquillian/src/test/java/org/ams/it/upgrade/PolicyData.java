package org.ams.it.upgrade;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.ams.devices.TargetKind;
import org.ams.policy.Platform;

/**
 * V8's agent policies: the built-in Windows default policy changed by an administrator, and custom policies in list
 * order with targets of every kind (a device group, a tenant, a single computer, a tenant's "All devices" group),
 * one of them disabled. Each change advances the platform's policy generation, as the product does. The facts say
 * which policy each device must resolve to.
 */
final class PolicyData {

    static final UUID DEFAULT_POLICY = UUID.fromString("00000000-0000-4000-8000-000000000010");

    private PolicyData() {
    }

    static void policies(FixtureContext ctx) throws SQLException {
        ctx.rows.update("UPDATE agent_policy SET check_in_interval_minutes = 120, changed_at = ?, version = 1 "
                + "WHERE id = ?", ctx.now(), DEFAULT_POLICY);
        changed(ctx, "agent-policy.changed", DEFAULT_POLICY, "Default policy", "check-in every 120 min");
        ctx.facts.put("policy.default.id", DEFAULT_POLICY).put("policy.default.name", "Default policy")
                .put("policy.default.interval", 120).put("policy.default.enabled", true)
                .put("policy.default.drives", "OS,FIXED,REMOVABLE");

        custom(ctx, "servers", 1, "Servers: frequent check-in", true, 15, "OS,FIXED",
                Map.of(TargetKind.DEVICE_GROUP, List.of(ctx.facts.id("device-group.servers.id"))));
        custom(ctx, "branch", 2, "Branch office", true, 240, "OS,FIXED,REMOVABLE",
                Map.of(TargetKind.TENANT, List.of(ctx.facts.id("tenant.branch.id"))));
        custom(ctx, "pilot", 3, "Pilot: five-minute check-in", false, 5, "OS",
                Map.of(TargetKind.COMPUTER, List.of(ctx.facts.id("device.laptop.id"))));
        custom(ctx, "branch-all", 4, "Branch: every device (shadowed)", true, 60, "OS",
                Map.of(TargetKind.DEVICE_GROUP, List.of(ctx.facts.id("tenant.branch.all-devices")),
                        TargetKind.DIRECTORY, List.of(ctx.facts.id("tenant.branch.directory"))));

        // The first enabled policy in list order that targets the device; the default policy otherwise.
        Map.of("laptop", "default", "disabled", "default", "server", "servers", "pending", "servers",
                "kiosk", "branch", "branch-pc", "branch")
                .forEach((device, policy) -> ctx.facts.put("device." + device + ".policy", policy));
    }

    private static void custom(FixtureContext ctx, String handle, int position, String name, boolean enabled,
                               int interval, String drives, Map<TargetKind, List<UUID>> targets) throws SQLException {
        UUID id = UUID.randomUUID();
        List<String> backedUp = List.of(drives.split(","));
        ctx.rows.insert("agent_policy", "id", id, "platform", Platform.WINDOWS, "name", name,
                "name_key", name.toLowerCase(Locale.ROOT), "description", "Upgrade fixture policy " + handle,
                "default_policy", false, "default_flag", null, "enabled", enabled, "position", position,
                "check_in_interval_minutes", interval, "backup_os_drive", backedUp.contains("OS"),
                "backup_fixed_drives", backedUp.contains("FIXED"), "backup_removable_drives", backedUp.contains("REMOVABLE"),
                "created_at", ctx.now(), "changed_at", ctx.now(), "version", 0);
        StringBuilder described = new StringBuilder();
        for (Map.Entry<TargetKind, List<UUID>> kind : targets.entrySet()) {
            for (UUID target : kind.getValue()) {
                ctx.rows.insert("agent_policy_target", "policy_id", id, "target_kind", kind.getKey(),
                        "target_id", target.toString());
                described.append(described.length() == 0 ? "" : ",").append(kind.getKey()).append(':').append(target);
            }
        }
        changed(ctx, "agent-policy.created", id, name, "position " + position);
        ctx.facts.put("policy." + handle + ".id", id).put("policy." + handle + ".name", name)
                .put("policy." + handle + ".position", position).put("policy." + handle + ".enabled", enabled)
                .put("policy." + handle + ".interval", interval).put("policy." + handle + ".drives", drives)
                .put("policy." + handle + ".targets", described);
    }

    private static void changed(FixtureContext ctx, String action, UUID policy, String name, String details)
            throws SQLException {
        ctx.rows.update("UPDATE agent_policy_generation SET generation = generation + 1 WHERE platform = ?",
                Platform.WINDOWS);
        ctx.audited(IdentityData.ACTOR, action, "AgentPolicy", policy, name, details);
    }
}
