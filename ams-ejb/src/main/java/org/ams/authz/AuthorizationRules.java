package org.ams.authz;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.authz.AuthorizationRuleException.Reason;
import org.ams.devices.Device;
import org.ams.devices.DeviceGroup;
import org.ams.devices.DeviceState;
import org.ams.devices.Directory;
import org.ams.devices.TargetKind;
import org.ams.devices.Tenant;
import org.ams.identity.PrincipalCheck;
import org.ams.identity.PrincipalRef;
import org.ams.identity.PrincipalStatus;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.security.RoleNames;

/**
 * The administrator's use cases for authorization rules (Authorization rules / Computers). A refused change changes
 * nothing; every change is recorded in the audit trail and advances the rules' generation in the same transaction,
 * so every server's decisions see it from the next one on.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class AuthorizationRules {

    private static final String AUDIT_TYPE = "AuthorizationRule";
    /** Devices whose names the listing resolves per query, well below every database's limit on IN lists. */
    private static final int NAMES_PER_QUERY = 500;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private DirectorySourceService identity;

    public RuleOverview create(RuleDefinition definition) {
        return create(definition, identity.check(principalsOf(definition)));
    }

    /**
     * @param expectedVersion the version the administrator started editing from ({@link RuleOverview#version()})
     */
    public RuleOverview update(UUID id, long expectedVersion, RuleDefinition definition) {
        return update(id, expectedVersion, definition, identity.check(principalsOf(definition)));
    }

    private RuleOverview create(RuleDefinition definition, PrincipalCheck principals) {
        String targetName = requireValid(definition, principals);
        AuthorizationRule rule = new AuthorizationRule(definition);
        em.persist(rule);
        em.flush();
        changed();
        audit.record("authorization-rule.created", AUDIT_TYPE, rule.getId().toString(), rule.getDescription(),
                summary(rule, targetName));
        return overview(rule, targetName, false, principals);
    }

    /** The principals were checked before the rule is locked: directory look-ups do not hold the row. */
    private RuleOverview update(UUID id, long expectedVersion, RuleDefinition definition, PrincipalCheck principals) {
        AuthorizationRule rule = lockedFor(id, expectedVersion);
        String targetName = requireValid(definition, principals);
        String before = summary(rule, targetName(rule.getTarget()).name());
        rule.define(definition);
        flush(rule);
        changed();
        audit.record("authorization-rule.updated", AUDIT_TYPE, id.toString(), rule.getDescription(),
                summary(rule, targetName) + "; before: " + before);
        return overview(rule, targetName, false, principals);
    }

    /**
     * What the rule editor saves: a new rule ({@code id} null) or an edit, with its notification channels, in one
     * transaction, so a refusal leaves neither half behind.
     */
    public RuleOverview save(UUID id, long expectedVersion, RuleDefinition definition,
                             java.util.Collection<UUID> success, java.util.Collection<UUID> failure) {
        // The directories are asked once, for the save and the overview returned after setting the channels.
        PrincipalCheck principals = identity.check(principalsOf(definition));
        RuleOverview saved = id == null ? create(definition, principals) : update(id, expectedVersion, definition, principals);
        return setChannels(saved.id(), saved.version(), success, failure, principals);
    }

    /**
     * Sets the notification channels a rule fires: {@code success} when it grants a request, {@code failure} when it
     * denies one (or, for a request no entry of it allows, when it applied to the computer).
     */
    public RuleOverview setChannels(UUID id, long expectedVersion, java.util.Collection<UUID> success,
                                    java.util.Collection<UUID> failure) {
        return setChannels(id, expectedVersion, success, failure, null);
    }

    /** @param principals the rule's principals as already checked, or {@code null} to check them now */
    private RuleOverview setChannels(UUID id, long expectedVersion, java.util.Collection<UUID> success,
                                     java.util.Collection<UUID> failure, PrincipalCheck principals) {
        AuthorizationRule rule = lockedFor(id, expectedVersion);
        rule.notify(success, failure);
        flush(rule);
        audit.record("authorization-rule.channels-changed", AUDIT_TYPE, id.toString(), rule.getDescription(),
                success.size() + " success and " + failure.size() + " failure channel(s)");
        TargetName name = targetName(rule.getTarget());
        return overview(rule, name.name(), name.deleted(),
                principals != null ? principals : identity.check(principalsOf(rule.getAcl())));
    }

    /** The channels a rule fires for one outcome; none for a rule deleted since. */
    @jakarta.annotation.security.RolesAllowed({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK})
    public List<UUID> channelsOf(UUID ruleId, RuleChannel.Role role) {
        AuthorizationRule rule = ruleId == null ? null : em.find(AuthorizationRule.class, ruleId);
        return rule == null ? List.of() : rule.channels(role);
    }

    public RuleOverview enable(UUID id, long expectedVersion) {
        return setEnabled(id, expectedVersion, true);
    }

    public RuleOverview disable(UUID id, long expectedVersion) {
        return setEnabled(id, expectedVersion, false);
    }

    public void delete(UUID id, long expectedVersion) {
        AuthorizationRule rule = lockedFor(id, expectedVersion);
        String summary = summary(rule, targetName(rule.getTarget()).name());
        em.remove(rule);
        flush(rule);
        changed();
        audit.record("authorization-rule.deleted", AUDIT_TYPE, id.toString(), rule.getDescription(), summary);
    }

    /**
     * Every rule, most specific target first, then by description. Every identity source is asked once for all the
     * users and groups the rules name, not once per entry.
     */
    public List<RuleOverview> list() {
        List<AuthorizationRule> rules = em.createNamedQuery(AuthorizationRule.ALL, AuthorizationRule.class)
                .getResultList();
        Map<RuleTarget, TargetName> names = targetNames(rules.stream().map(AuthorizationRule::getTarget).toList());
        PrincipalCheck principals = identity.check(rules.stream().flatMap(rule -> rule.getAcl().stream())
                .map(AccessControlEntry::principal).toList());
        return rules.stream()
                .map(rule -> {
                    TargetName name = names.get(rule.getTarget());
                    return overview(rule, name.name(), name.deleted(), principals);
                })
                .sorted((a, b) -> a.target().kind() != b.target().kind()
                        ? Integer.compare(b.target().kind().specificity(), a.target().kind().specificity())
                        : a.description().compareToIgnoreCase(b.description()))
                .toList();
    }

    public RuleOverview get(UUID id) {
        AuthorizationRule rule = find(id);
        TargetName name = targetName(rule.getTarget());
        return overview(rule, name.name(), name.deleted(), identity.check(principalsOf(rule.getAcl())));
    }

    private RuleOverview setEnabled(UUID id, long expectedVersion, boolean enabled) {
        AuthorizationRule rule = lockedFor(id, expectedVersion);
        TargetName name = targetName(rule.getTarget());
        if (rule.isEnabled() != enabled) {
            rule.setEnabled(enabled);
            flush(rule);
            changed();
            audit.record(enabled ? "authorization-rule.enabled" : "authorization-rule.disabled", AUDIT_TYPE,
                    id.toString(), rule.getDescription(), name.name());
        }
        return overview(rule, name.name(), name.deleted(), identity.check(principalsOf(rule.getAcl())));
    }

    private AuthorizationRule find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(AuthorizationRule.class, key))
                .orElseThrow(() -> new AuthorizationRuleException(Reason.RULE_NOT_FOUND,
                        "That authorization rule no longer exists; reload the page."));
    }

    private AuthorizationRule lockedFor(UUID id, long expectedVersion) {
        AuthorizationRule rule = find(id);
        if (rule.getVersion() != expectedVersion) {
            throw changedMeanwhile(rule);
        }
        return rule;
    }

    /** Writes now, so that a concurrent change committed after our read is reported here, in words. */
    private void flush(AuthorizationRule rule) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw changedMeanwhile(rule);
        }
    }

    private static AuthorizationRuleException changedMeanwhile(AuthorizationRule rule) {
        return new AuthorizationRuleException(Reason.CHANGED_BY_SOMEONE_ELSE, "The rule '" + rule.getDescription()
                + "' was changed by someone else after you opened it. Reload it and make your change again.");
    }

    private void changed() {
        em.createNamedQuery(RuleGeneration.ADVANCE).executeUpdate();
    }

    /**
     * The checks that need the database, the identity sources and the clock; returns the target's name. An entry
     * whose source could not be asked is let through: a directory outage must not stop every rule change, and the
     * principal came from the picker, which found it there.
     */
    private String requireValid(RuleDefinition definition, PrincipalCheck principals) {
        for (AccessControlEntry entry : definition.acl()) {
            PrincipalRef principal = entry.principal();
            if (principals.statusOf(principal) == PrincipalStatus.NO_LONGER_EXISTS) {
                throw new AuthorizationRuleException(Reason.PRINCIPAL_NOT_FOUND, "The access control list names the "
                        + (principal.kind() == org.ams.identity.PrincipalKind.GROUP ? "group" : "user") + " '"
                        + principal.name() + "' of " + principals.sourceName(principal.source())
                        + ", which no longer exists; remove it from the list and save again.");
            }
        }
        if (definition.approval() != null
                && principals.statusOf(definition.approval().approvers()) == PrincipalStatus.NO_LONGER_EXISTS) {
            PrincipalRef approvers = definition.approval().approvers();
            throw new AuthorizationRuleException(Reason.INVALID_APPROVAL, "The approvers, the "
                    + (approvers.kind() == org.ams.identity.PrincipalKind.GROUP ? "group" : "user") + " '"
                    + approvers.name() + "' of " + principals.sourceName(approvers.source())
                    + ", no longer exist; choose the approvers again.");
        }
        TargetName target = targetName(definition.target());
        if (target.deleted()) {
            throw new AuthorizationRuleException(Reason.TARGET_NOT_FOUND, switch (definition.target().kind()) {
                case TENANT -> "The tenant no longer exists; choose another target.";
                case DIRECTORY -> "The directory no longer exists; choose another target.";
                case DEVICE_GROUP -> "The device group no longer exists; choose another target.";
                case COMPUTER -> "The computer does not exist or was deleted; choose another target.";
            });
        }
        if (definition.expiresAt() != null && !definition.expiresAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new AuthorizationRuleException(Reason.EXPIRY_NOT_IN_FUTURE,
                    "The expiry date has passed; choose a moment in the future, or none for a rule that does not "
                            + "expire.");
        }
        return target.name();
    }

    /** How a target is named, and whether it still exists (a deleted device's row stays, marked deleted). */
    private record TargetName(String name, boolean deleted) {
    }

    private TargetName targetName(RuleTarget target) {
        return targetNames(List.of(target)).get(target);
    }

    private Map<RuleTarget, TargetName> targetNames(List<RuleTarget> targets) {
        Map<RuleTarget, TargetName> names = new HashMap<>();
        Map<TargetKind, List<UUID>> byKind = targets.stream().distinct()
                .collect(Collectors.groupingBy(RuleTarget::kind,
                        Collectors.mapping(RuleTarget::id, Collectors.toList())));
        for (Map.Entry<TargetKind, List<UUID>> kind : byKind.entrySet()) {
            List<UUID> ids = kind.getValue();
            for (int from = 0; from < ids.size(); from += NAMES_PER_QUERY) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + NAMES_PER_QUERY));
                Map<UUID, TargetName> found = namesOf(kind.getKey(), chunk);
                for (UUID id : chunk) {
                    names.put(new RuleTarget(kind.getKey(), id),
                            found.getOrDefault(id, new TargetName(id.toString(), true)));
                }
            }
        }
        return names;
    }

    private Map<UUID, TargetName> namesOf(TargetKind kind, List<UUID> ids) {
        Map<UUID, TargetName> names = new HashMap<>();
        switch (kind) {
            case TENANT -> em.createQuery("SELECT t FROM Tenant t WHERE t.id IN :ids", Tenant.class)
                    .setParameter("ids", ids).getResultStream()
                    .forEach(t -> names.put(t.getId(), new TargetName(t.getName(), false)));
            case DIRECTORY -> em.createQuery("SELECT d FROM Directory d WHERE d.id IN :ids", Directory.class)
                    .setParameter("ids", ids).getResultStream()
                    .forEach(d -> names.put(d.getId(), new TargetName(d.getTenant().getName() + " / " + d.getName(),
                            false)));
            case DEVICE_GROUP -> em.createQuery("SELECT g FROM DeviceGroup g WHERE g.id IN :ids", DeviceGroup.class)
                    .setParameter("ids", ids).getResultStream()
                    .forEach(g -> names.put(g.getId(), new TargetName(g.getTenant().getName() + " / " + g.getName(),
                            false)));
            case COMPUTER -> em.createQuery("SELECT d.id, d.name, d.state FROM Device d WHERE d.id IN :ids",
                            Object[].class)
                    .setParameter("ids", ids).getResultStream()
                    .forEach(row -> names.put((UUID) row[0], new TargetName((String) row[1],
                            row[2] == DeviceState.DELETED)));
        }
        return names;
    }

    private static RuleOverview overview(AuthorizationRule rule, String targetName, boolean targetDeleted,
                                         PrincipalCheck principals) {
        List<AccessControlEntry> acl = rule.getAcl();
        return new RuleOverview(rule.getId(), rule.getTarget(), targetName, targetDeleted, rule.getDescription(),
                rule.isEnabled(), rule.getExpiresAt().orElse(null), acl,
                acl.stream().map(entry -> principals.statusOf(entry.principal())).toList(),
                rule.channels(RuleChannel.Role.SUCCESS), rule.channels(RuleChannel.Role.FAILURE),
                rule.getApproval().orElse(null), rule.getCreatedAt(), rule.getChangedAt(), rule.getVersion());
    }

    private static List<PrincipalRef> principalsOf(List<AccessControlEntry> acl) {
        return acl.stream().map(AccessControlEntry::principal).toList();
    }

    /** The ACL's principals and the approvers, asked of their identity sources together. */
    private static List<PrincipalRef> principalsOf(RuleDefinition definition) {
        List<PrincipalRef> principals = new ArrayList<>(principalsOf(definition.acl()));
        if (definition.approval() != null) {
            principals.add(definition.approval().approvers());
        }
        return principals;
    }

    /** For audit records: what the rule says, never anything secret. */
    private static String summary(AuthorizationRule rule, String targetName) {
        List<String> parts = new ArrayList<>();
        parts.add(rule.getTarget().kind().label() + " '" + targetName + "' (" + rule.getTarget().id() + ")");
        parts.add(rule.isEnabled() ? "enabled" : "disabled");
        parts.add("expires " + rule.getExpiresAt().map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).orElse("never"));
        parts.add("approval: " + rule.getApproval().map(RuleApproval::describe).orElse("none"));
        parts.add("ACL: " + rule.getAcl().stream().map(AccessControlEntry::describe).collect(Collectors.joining("; ")));
        return String.join(", ", parts);
    }
}
