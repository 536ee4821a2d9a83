package org.ams.authz;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Holds the rule snapshot of this server. Decisions read it without locking; when the database's generation counter
 * is ahead of it, one caller rebuilds it while the others wait for that rebuild instead of each reading all rules.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CurrentRules {

    @PersistenceContext
    private EntityManager em;

    private final AtomicReference<RuleSnapshot> snapshot = new AtomicReference<>();
    private final ReentrantLock rebuilding = new ReentrantLock();

    /** The snapshot at the database's current generation, rebuilt first when the rules changed since the last one. */
    RuleSnapshot current() {
        long generation = generation();
        RuleSnapshot known = snapshot.get();
        if (known != null && known.generation() == generation) {
            return known;
        }
        rebuilding.lock();
        try {
            known = snapshot.get();
            if (known != null && known.generation() >= generation) {
                return known;
            }
            // The generation is read before the rules: a change committing in between makes the rules newer than
            // the label, which only costs one more rebuild, never a stale snapshot taken for a current one.
            RuleSnapshot fresh = load(generation);
            snapshot.set(fresh);
            return fresh;
        } finally {
            rebuilding.unlock();
        }
    }

    long generation() {
        return em.createNamedQuery(RuleGeneration.CURRENT, Long.class).getSingleResult();
    }

    private RuleSnapshot load(long generation) {
        List<RuleSnapshot.Rule> rules = em.createNamedQuery(AuthorizationRule.ALL, AuthorizationRule.class)
                .setHint("eclipselink.read-only", "true")
                .getResultStream()
                .map(rule -> new RuleSnapshot.Rule(rule.getId(), rule.getTarget(), rule.getDescription(),
                        rule.isEnabled(), rule.getExpiresAt().map(OffsetDateTime::toInstant).orElse(null), rule.getAcl()))
                .toList();
        Map<UUID, UUID> allDevices = em.createQuery("SELECT g.tenant.id, g.id FROM DeviceGroup g "
                        + "WHERE g.allDevices = TRUE", Object[].class)
                .getResultStream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> (UUID) row[1]));
        return RuleSnapshot.of(generation, rules, allDevices);
    }
}
