package org.ams.it.upgrade;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.ams.identity.PrincipalKind;
import org.ams.identity.Role;

/**
 * Who may sign in, as each version stored it: local accounts and their role grants (V1), accounts changed once the
 * audit trail existed (V2), an LDAP directory source with its sealed bind password and a role granted to one of its
 * groups (V4), and local groups with members and roles (V6).
 * <p>
 * No account is named {@code admin}: the server creates that one itself at its first start on this database, with
 * the test run's administrator password, as it does for an installation upgraded from a version without it.
 */
final class IdentityData {

    /** The fixture's actor in the audit trail: the administrator who did all of this. */
    static final String ACTOR = "alma.admin";
    private static final String ACCOUNT = "LocalAccount";

    private IdentityData() {
    }

    /** V1: the first local accounts, each granted a role directly. */
    static void foundation(FixtureContext ctx) throws SQLException {
        account(ctx, "alma", "alma.admin", "Alma Administrator", Role.ADMINISTRATOR, PasswordHashes.CURRENT_ITERATIONS);
        account(ctx, "hugo", "hugo.helpdesk", "Hugo Helpdesk", Role.HELPDESK, PasswordHashes.OLDER_ITERATIONS);
        account(ctx, "ingrid", "Ingrid.Auditor", "Ingrid Auditor", Role.AUDITOR, PasswordHashes.CURRENT_ITERATIONS);
        account(ctx, "frank", "frank.former", "Frank Former", Role.HELPDESK, PasswordHashes.OLDER_ITERATIONS);
    }

    /** V2: an account added and one disabled, now with their audit records. */
    static void auditedChanges(FixtureContext ctx) throws SQLException {
        UUID carla = account(ctx, "carla", "carla.contractor", null, null, PasswordHashes.CURRENT_ITERATIONS);
        ctx.audited(ACTOR, "local-account.created", ACCOUNT, carla, "carla.contractor", null);
        UUID frank = ctx.facts.id("account.frank.id");
        ctx.rows.update("UPDATE local_account SET enabled = FALSE, version = version + 1 WHERE id = ?", frank);
        ctx.facts.put("account.frank.enabled", false);
        ctx.audited(ACTOR, "local-account.disabled", ACCOUNT, frank, "frank.former", null);
    }

    /** V4: an Active Directory source (disabled: no directory answers in the test) and a role for one of its groups. */
    static void directorySource(FixtureContext ctx) throws SQLException {
        UUID id = UUID.randomUUID();
        char[] bindPassword = FixtureCrypto.newPassword(24);
        String sealed = ctx.crypto.sealText(bindPassword, ProductConstants.BIND_PASSWORD_PURPOSE);
        ctx.facts.put("directory-source.corp.bind-password.sha256", FixtureFacts.sha256(bindPassword));
        Arrays.fill(bindPassword, '\0');
        ctx.rows.insert("directory_source", "id", id, "name", "Corp AD", "position", 1, "enabled", false,
                "url", "ldaps://dc01.corp.example:636", "security", "LDAPS", "trusted_certificates", null,
                "bind_dn", "CN=svc-ams,OU=Service Accounts,DC=corp,DC=example", "bind_password_sealed", sealed,
                "user_base", "OU=Staff,DC=corp,DC=example", "group_base", "OU=Groups,DC=corp,DC=example",
                "user_attribute", "sAMAccountName", "membership", "AD_IN_CHAIN", "stable_id", "OBJECT_GUID",
                "connect_timeout_ms", 5000, "response_timeout_ms", 10000, "created_at", ctx.now(), "version", 0);
        ctx.facts.put("directory-source.corp.id", id).put("directory-source.corp.name", "Corp AD")
                .put("directory-source.corp.enabled", false);
        ctx.audited(ACTOR, "directory.added", "Directory", id, "Corp AD", "ldaps://dc01.corp.example:636");

        String source = "ldap:" + id;
        String groupGuid = "5d2c6a47-1f0e-4b8a-9c3d-2e7f8a9b0c1d";
        grant(ctx, Role.HELPDESK, PrincipalKind.GROUP, source, groupGuid, "AD Helpdesk");
        ctx.facts.put("ldap.helpdesk-group.source", source).put("ldap.helpdesk-group.id", groupGuid)
                .put("ldap.helpdesk-group.name", "AD Helpdesk").put("ldap.helpdesk-group.roles", Role.HELPDESK)
                .put("ldap.dana.source", source).put("ldap.dana.id", "0b8e6f2a-3c4d-4e5f-8a9b-1c2d3e4f5a6b")
                .put("ldap.dana.name", "dana.support").put("ldap.dana.groups", "helpdesk-group");
    }

    /** V6: local groups, their members, and roles that reach the members through the group. */
    static void localGroups(FixtureContext ctx) throws SQLException {
        UUID nora = account(ctx, "nora", "nora.nightshift", "Nora Night Shift", null, PasswordHashes.CURRENT_ITERATIONS);
        ctx.audited(ACTOR, "local-account.created", ACCOUNT, nora, "nora.nightshift", null);
        group(ctx, "helpdesk-team", "Helpdesk Team", "First-line support", Role.HELPDESK,
                List.of("hugo", "frank", "carla", "nora"));
        group(ctx, "key-auditors", "Key Auditors", null, Role.AUDITOR, List.of("ingrid"));
        group(ctx, "night-leads", "Night Shift Leads", "No role yet", null, List.of());
    }

    /** The roles each account holds after sign-in: its own and its groups'. */
    static void describeEffectiveRoles(FixtureFacts facts) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("alma", "Administrator");
        roles.put("hugo", "Helpdesk");
        roles.put("ingrid", "Auditor");
        roles.put("frank", "Helpdesk");
        roles.put("carla", "Helpdesk");
        roles.put("nora", "Helpdesk");
        roles.forEach((handle, role) -> facts.put("account." + handle + ".effective-roles", role));
    }

    private static UUID account(FixtureContext ctx, String handle, String username, String displayName, Role role,
                                int iterations) throws SQLException {
        UUID id = UUID.randomUUID();
        char[] password = FixtureCrypto.newPassword(20);
        OffsetDateTime at = ctx.now();
        ctx.rows.insert("local_account", "id", id, "username", username,
                "username_key", username.trim().toLowerCase(Locale.ROOT), "display_name", displayName,
                "password_hash", PasswordHashes.hash(password, iterations), "enabled", true, "created_at", at,
                "password_changed_at", at, "version", 0);
        ctx.facts.put("account." + handle + ".id", id).put("account." + handle + ".username", username)
                .put("account." + handle + ".display-name", displayName == null ? "" : displayName)
                .put("account." + handle + ".enabled", true)
                .put("account." + handle + ".roles", role == null ? "" : role.roleName())
                .put("account." + handle + ".password.sha256", FixtureFacts.sha256(password))
                .put("account." + handle + ".password.sealed",
                        ctx.crypto.sealText(password, FixtureFacts.SEALED_PURPOSE));
        Arrays.fill(password, '\0');
        if (role != null) {
            grant(ctx, role, PrincipalKind.USER, ProductConstants.LOCAL_SOURCE, id.toString(), username);
        }
        return id;
    }

    private static void group(FixtureContext ctx, String handle, String name, String description, Role role,
                              List<String> members) throws SQLException {
        UUID id = UUID.randomUUID();
        ctx.rows.insert("local_group", "id", id, "name", name, "name_key", name.toLowerCase(Locale.ROOT),
                "description", description, "created_at", ctx.now(), "version", 0);
        ctx.audited(ACTOR, "local-group.created", "LocalGroup", id, name, null);
        for (String member : members) {
            ctx.rows.insert("local_group_member", "group_id", id, "account_id", ctx.facts.id("account." + member + ".id"));
            ctx.audited(ACTOR, "local-group.member-added", "LocalGroup", id, name,
                    ctx.facts.get("account." + member + ".username"));
        }
        ctx.facts.put("group." + handle + ".id", id).put("group." + handle + ".name", name)
                .put("group." + handle + ".members", String.join(",", members))
                .put("group." + handle + ".roles", role == null ? "" : role.roleName());
        if (role != null) {
            grant(ctx, role, PrincipalKind.GROUP, ProductConstants.LOCAL_SOURCE, id.toString(), name);
        }
    }

    private static void grant(FixtureContext ctx, Role role, PrincipalKind kind, String source, String principalId,
                              String principalName) throws SQLException {
        UUID id = UUID.randomUUID();
        ctx.rows.insert("role_grant", "id", id, "role", role.name(), "principal_kind", kind.name(),
                "principal_source", source, "principal_id", principalId, "principal_name", principalName,
                "created_at", ctx.now());
        if (ctx.version() >= 2) {
            ctx.audited(ACTOR, "role.granted", "RoleGrant", id, principalName, role.roleName() + " to "
                    + kind.name().toLowerCase(Locale.ROOT) + " " + principalName + " (" + source + " " + principalId + ")");
        }
    }
}
