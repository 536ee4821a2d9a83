package org.ams.authz;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.ams.security.RoleNames;

/**
 * Holds the rule snapshot of this server. Decisions read it without locking; when the database's generation counter
 * differs from it, one caller rebuilds it while the others wait for that rebuild instead of each reading all rules.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Those who may ask AuthorizationDecisions, whose identity reaches here.
@RolesAllowed({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK, RoleNames.SELF_SERVICE})
public class CurrentRules {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private RuleSnapshotLoader loader;

    private final AtomicReference<RuleSnapshot> snapshot = new AtomicReference<>();
    private final ReentrantLock rebuilding = new ReentrantLock();

    /** The snapshot of the committed rules, rebuilt first when they changed since the last one. */
    public RuleSnapshot current() {
        long generation = em.createNamedQuery(RuleGeneration.CURRENT, Long.class).getSingleResult();
        RuleSnapshot known = snapshot.get();
        if (known != null && known.generation() == generation) {
            return known;
        }
        rebuilding.lock();
        try {
            known = snapshot.get();
            if (known != null && known.generation() == generation) {
                return known;
            }
            RuleSnapshot fresh = loader.load();
            if (known == null || fresh.generation() >= known.generation()) {
                snapshot.set(fresh);
            }
            return fresh;
        } finally {
            rebuilding.unlock();
        }
    }
}
