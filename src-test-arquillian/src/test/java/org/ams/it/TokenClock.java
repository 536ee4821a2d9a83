package org.ams.it;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Deployed with in-container tests only (see {@link Deployments#shared}): lets a test's API token expire without
 * waiting a day. The product never issues a token that has already expired, so the test moves one's expiry back, as
 * time passing would.
 */
@Dependent
public class TokenClock {

    @PersistenceContext
    private EntityManager em;

    @Transactional
    public void expire(UUID tokenId) {
        int changed = em.createQuery("UPDATE ApiToken t SET t.expiresAt = :past WHERE t.id = :id")
                .setParameter("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .setParameter("id", tokenId).executeUpdate();
        if (changed != 1) {
            throw new IllegalStateException("no token " + tokenId);
        }
    }
}
