package org.ams.authz;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.security.RoleNames;

/**
 * Reads every rule into a new snapshot, in a transaction of its own: the snapshot is shared by every request of this
 * server, so it must hold committed rules only. Read in the transaction of a caller that has just changed a rule, it
 * would carry a change (and a generation number) that may still roll back, and the next committed change, reaching
 * the same number, would then be taken for already known.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
// Those who may ask AuthorizationDecisions, through CurrentRules.
@RolesAllowed({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK, RoleNames.SELF_SERVICE})
public class RuleSnapshotLoader {

    @PersistenceContext
    private EntityManager em;

    public RuleSnapshot load() {
        // The generation is read before the rules: a change committing in between makes the rules newer than the
        // label, which costs one more rebuild, never a stale snapshot taken for a current one.
        long generation = em.createNamedQuery(RuleGeneration.CURRENT, Long.class).getSingleResult();
        List<RuleSnapshot.Rule> rules = em.createNamedQuery(AuthorizationRule.ALL, AuthorizationRule.class)
                // Each provider's own read-only hint (EclipseLink on Payara, Hibernate on WildFly); each ignores the
                // other's.
                .setHint("eclipselink.read-only", "true")
                .setHint("org.hibernate.readOnly", "true")
                .getResultStream()
                .map(rule -> new RuleSnapshot.Rule(rule.getId(), rule.getTarget(), rule.getDescription(),
                        rule.isEnabled(), rule.getExpiresAt().map(OffsetDateTime::toInstant).orElse(null),
                        rule.getAcl()))
                .toList();
        Map<UUID, UUID> allDevices = em.createQuery("SELECT g.tenant.id, g.id FROM DeviceGroup g "
                        + "WHERE g.allDevices = TRUE", Object[].class)
                .getResultStream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> (UUID) row[1]));
        return RuleSnapshot.of(generation, rules, allDevices);
    }
}
