package org.ams.it;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Deployed with in-container tests only (see {@link Deployments#shared}): lets a request that needs approval grow
 * old, or its window after approval pass, without waiting minutes. The product only ever writes the present, so the
 * test moves a request's times back, as time passing would.
 */
@Dependent
public class ApprovalClock {

    @PersistenceContext
    private EntityManager em;

    /** The request was made {@code minutes} ago. */
    @Transactional
    public void requestedMinutesAgo(UUID requestId, int minutes) {
        moved("r.requestedAt", requestId, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes));
    }

    /** The window in which the approved request could be read ended a minute ago. */
    @Transactional
    public void closeWindow(UUID requestId) {
        moved("r.readableUntil", requestId, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
    }

    private void moved(String field, UUID requestId, OffsetDateTime to) {
        int changed = em.createQuery("UPDATE ApprovalRequest r SET " + field + " = :to WHERE r.id = :id")
                .setParameter("to", to).setParameter("id", requestId).executeUpdate();
        if (changed != 1) {
            throw new IllegalStateException("no approval request " + requestId);
        }
    }
}
