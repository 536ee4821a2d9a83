package org.ams.it.upgrade;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ams.audit.AuditEntry;
import org.ams.authz.Access;
import org.ams.authz.Permission;
import org.ams.authz.PermissionNames;
import org.ams.authz.ResultCode;
import org.ams.authz.RuleChannel;
import org.ams.devices.TargetKind;
import org.ams.identity.PrincipalKind;

/**
 * V10's authorization rules with their ACLs: a rule on each kind of target (device group, the "All devices" group,
 * a computer, a directory, a tenant), Allow and Deny entries for local accounts, local groups and directory
 * principals, an expired rule, a disabled one and one expiring next year; at V11 their notification channels. The
 * facts list, for users and devices of the fixture, the decision each permission must get.
 */
final class RuleData {

    private static final Set<Permission> BOTH = EnumSet.allOf(Permission.class);
    private static final Set<Permission> PASSWORD = EnumSet.of(Permission.READ_BITLOCKER_RECOVERY_PASSWORD);
    private static final Set<Permission> METADATA = EnumSet.of(Permission.READ_BITLOCKER_KEY_METADATA);
    private static final PermissionNames NAMES = new PermissionNames();

    private RuleData() {
    }

    /** A principal an ACL entry names: a local account or group, or a user or group of the directory source. */
    private record Principal(PrincipalKind kind, String source, String id, String name) {
    }

    private record Entry(Principal principal, Access access, Set<Permission> permissions) {
    }

    static void rules(FixtureContext ctx) throws SQLException {
        Principal helpdeskTeam = localGroup(ctx, "helpdesk-team");
        Principal auditors = localGroup(ctx, "key-auditors");
        Principal nightLeads = localGroup(ctx, "night-leads");
        Principal carla = localAccount(ctx, "carla");
        Principal nora = localAccount(ctx, "nora");
        Principal ingrid = localAccount(ctx, "ingrid");
        Principal adHelpdesk = directoryPrincipal(ctx, PrincipalKind.GROUP, "helpdesk-group");
        Principal dana = directoryPrincipal(ctx, PrincipalKind.USER, "dana");
        OffsetDateTime never = null;

        rule(ctx, "laptops", TargetKind.DEVICE_GROUP, ctx.facts.id("device-group.laptops.id"),
                "Helpdesk Team reads the laptops", true, never, new Entry(helpdeskTeam, Access.ALLOW, BOTH));
        rule(ctx, "servers", TargetKind.DEVICE_GROUP, ctx.facts.id("device-group.servers.id"),
                "AD Helpdesk reads the servers' passwords", true, never, new Entry(adHelpdesk, Access.ALLOW, PASSWORD));
        rule(ctx, "contractor", TargetKind.COMPUTER, ctx.facts.id("device.laptop.id"),
                "Contractors see metadata only on PC-LAPTOP-01", true, never,
                new Entry(carla, Access.DENY, PASSWORD), new Entry(carla, Access.ALLOW, METADATA));
        rule(ctx, "branch", TargetKind.TENANT, ctx.facts.id("tenant.branch.id"),
                "Branch office: Helpdesk Team reads everything", true, never,
                new Entry(helpdeskTeam, Access.ALLOW, BOTH), new Entry(dana, Access.ALLOW, METADATA));
        rule(ctx, "auditors", TargetKind.DIRECTORY, ctx.facts.id("tenant.default.directory"),
                "Key Auditors see metadata in the Default AMS directory", true, never,
                new Entry(auditors, Access.ALLOW, METADATA));
        rule(ctx, "expired", TargetKind.COMPUTER, ctx.facts.id("device.server.id"),
                "Temporary: Nora reads the file server", true, ctx.clock.installed(10).plusSeconds(3 * 86400)
                        .atOffset(java.time.ZoneOffset.UTC), new Entry(nora, Access.ALLOW, PASSWORD));
        rule(ctx, "disabled", TargetKind.TENANT, ctx.facts.id("tenant.default.id"),
                "Night Shift Leads read everything (switched off)", false, never,
                new Entry(nightLeads, Access.ALLOW, BOTH));
        rule(ctx, "kiosks", TargetKind.DEVICE_GROUP, ctx.facts.id("device-group.kiosks.id"),
                "Ingrid reads the kiosks until next year", true,
                OffsetDateTime.now(java.time.ZoneOffset.UTC).plusYears(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                new Entry(ingrid, Access.ALLOW, PASSWORD));
        rule(ctx, "all-devices", TargetKind.DEVICE_GROUP, ctx.facts.id("tenant.default.all-devices"),
                "AD Helpdesk sees metadata of every Default device", true, never,
                new Entry(adHelpdesk, Access.ALLOW, METADATA));

        expect(ctx, "hugo", "laptop", PASSWORD, ResultCode.SUCCESS, "laptops");
        expect(ctx, "nora", "laptop", PASSWORD, ResultCode.SUCCESS, "laptops");
        expect(ctx, "carla", "laptop", PASSWORD, ResultCode.EXPLICITLY_DENIED, "contractor");
        expect(ctx, "carla", "laptop", METADATA, ResultCode.SUCCESS, "contractor");
        expect(ctx, "hugo", "server", PASSWORD, ResultCode.NO_MATCHING_RULE_FOR_USER, null);
        expect(ctx, "ldap:dana", "server", PASSWORD, ResultCode.SUCCESS, "servers");
        expect(ctx, "ldap:dana", "server", METADATA, ResultCode.SUCCESS, "all-devices");
        expect(ctx, "nora", "server", PASSWORD, ResultCode.NO_MATCHING_RULE_FOR_USER, null);
        expect(ctx, "hugo", "kiosk", PASSWORD, ResultCode.SUCCESS, "branch");
        expect(ctx, "ingrid", "kiosk", PASSWORD, ResultCode.SUCCESS, "kiosks");
        expect(ctx, "ingrid", "laptop", METADATA, ResultCode.SUCCESS, "auditors");
        expect(ctx, "ingrid", "laptop", PASSWORD, ResultCode.NO_MATCHING_RULE_FOR_USER, null);
        expect(ctx, "ldap:dana", "kiosk", METADATA, ResultCode.SUCCESS, "branch");
        expect(ctx, "ldap:dana", "kiosk", PASSWORD, ResultCode.NO_MATCHING_RULE_FOR_USER, null);
        expect(ctx, "ingrid", "retired", METADATA, ResultCode.SUCCESS, "auditors");
        expect(ctx, "hugo", "retired", PASSWORD, ResultCode.NO_MATCHING_RULE_FOR_USER, null);

        requested(ctx, "hugo", "laptop", PASSWORD, ResultCode.SUCCESS, "laptops", List.of());
        requested(ctx, "carla", "laptop", PASSWORD, ResultCode.EXPLICITLY_DENIED, "contractor", List.of());
    }

    /** V11: the rules name notification channels, and a later request shows which ones fired. */
    static void channels(FixtureContext ctx) throws SQLException {
        channel(ctx, "laptops", RuleChannel.Role.SUCCESS, "mail");
        channel(ctx, "contractor", RuleChannel.Role.FAILURE, "webhook");
        requested(ctx, "hugo", "laptop", PASSWORD, ResultCode.SUCCESS, "laptops",
                List.of(ctx.facts.get("channel.mail.name")));
    }

    private static void rule(FixtureContext ctx, String handle, TargetKind kind, UUID target, String description,
                             boolean enabled, OffsetDateTime expiresAt, Entry... entries) throws SQLException {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = ctx.now();
        ctx.rows.insert("authorization_rule", "id", id, "target_kind", kind, "target_id", target,
                "description", description, "enabled", enabled, "expires_at", expiresAt, "created_at", at,
                "changed_at", at, "version", 0);
        int order = 0;
        for (Entry entry : entries) {
            ctx.rows.insert("authorization_rule_entry", "id", UUID.randomUUID(), "rule_id", id, "entry_order", order++,
                    "principal_kind", entry.principal().kind(), "principal_source", entry.principal().source(),
                    "principal_id", entry.principal().id(), "principal_name", entry.principal().name(),
                    "access_type", entry.access(), "permissions", NAMES.convertToDatabaseColumn(entry.permissions()));
        }
        nextGeneration(ctx);
        ctx.audited(IdentityData.ACTOR, "authorization-rule.created", "AuthorizationRule", id, description,
                entries.length + " entr" + (entries.length == 1 ? "y" : "ies"));
        ctx.facts.put("rule." + handle + ".id", id).put("rule." + handle + ".description", description)
                .put("rule." + handle + ".enabled", enabled).put("rule." + handle + ".entries", entries.length);
    }

    private static void channel(FixtureContext ctx, String rule, RuleChannel.Role role, String channel)
            throws SQLException {
        UUID ruleId = ctx.facts.id("rule." + rule + ".id");
        ctx.rows.insert("authorization_rule_channel", "rule_id", ruleId, "channel_role", role,
                "channel_id", ctx.facts.get("channel." + channel + ".id"));
        ctx.rows.update("UPDATE authorization_rule SET changed_at = ?, version = version + 1 WHERE id = ?",
                ctx.now(), ruleId);
        nextGeneration(ctx);
        ctx.audited(IdentityData.ACTOR, "authorization-rule.channels-changed", "AuthorizationRule", ruleId,
                ctx.facts.get("rule." + rule + ".description"), role + ": " + ctx.facts.get("channel." + channel + ".name"));
        ctx.facts.put("rule." + rule + ".channel." + role.name().toLowerCase(java.util.Locale.ROOT), channel);
    }

    private static void nextGeneration(FixtureContext ctx) throws SQLException {
        ctx.rows.update("UPDATE authorization_rule_generation SET generation = generation + 1 WHERE id = 1");
    }

    private static void expect(FixtureContext ctx, String user, String device, Set<Permission> permission,
                               ResultCode result, String rule) {
        String key = String.format("decision.%02d.", ctx.facts.handles("decision").size() + 1);
        ctx.facts.put(key + "user", user).put(key + "device", device)
                .put(key + "permission", permission.iterator().next()).put(key + "result", result)
                .put(key + "rule", rule == null ? "" : rule);
    }

    /** An access request as the audit trail of V10 and later keeps it: who, from where, why, and what was decided. */
    private static void requested(FixtureContext ctx, String user, String device, Set<Permission> permission,
                                  ResultCode result, String rule, List<String> channels) throws SQLException {
        ctx.audited(ctx.facts.get("account." + user + ".username"), AuditEntry.builder("access.requested", "Device")
                .target(ctx.facts.get("device." + device + ".id"), ctx.facts.get("device." + device + ".name"))
                .details(result == ResultCode.SUCCESS ? "1 key(s) shown" : "nothing shown")
                .clientAddress("192.0.2." + (10 + ctx.version())).reason("User locked out after a BIOS update")
                .resultCode(result.name()).permission(permission.iterator().next().name())
                .rule(ctx.facts.get("rule." + rule + ".id"), ctx.facts.get("rule." + rule + ".description"))
                .notificationChannels(channels).build());
    }

    private static Principal localAccount(FixtureContext ctx, String handle) {
        return new Principal(PrincipalKind.USER, ProductConstants.LOCAL_SOURCE,
                ctx.facts.get("account." + handle + ".id"), ctx.facts.get("account." + handle + ".username"));
    }

    private static Principal localGroup(FixtureContext ctx, String handle) {
        return new Principal(PrincipalKind.GROUP, ProductConstants.LOCAL_SOURCE,
                ctx.facts.get("group." + handle + ".id"), ctx.facts.get("group." + handle + ".name"));
    }

    private static Principal directoryPrincipal(FixtureContext ctx, PrincipalKind kind, String handle) {
        return new Principal(kind, ctx.facts.get("ldap." + handle + ".source"), ctx.facts.get("ldap." + handle + ".id"),
                ctx.facts.get("ldap." + handle + ".name"));
    }
}
