package org.ams.identity.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The failed sign-ins in the database ({@code sign_in_failure}): one count for all servers sharing it, kept across
 * restarts. Each call is a transaction of its own, so a failure is counted whatever becomes of the sign-in.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
// Any caller: SignInService asks before anyone is signed in; nothing here reveals or changes more than the counts.
@PermitAll
public class SignInFailures implements FailureLog {

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<Instant> since(String subject, Instant after) {
        return em.createQuery("SELECT f.failedAt FROM SignInFailure f WHERE f.subject = :subject"
                        + " AND f.failedAt > :after ORDER BY f.failedAt", OffsetDateTime.class)
                .setParameter("subject", subject)
                .setParameter("after", utc(after))
                .getResultList().stream().map(OffsetDateTime::toInstant).toList();
    }

    @Override
    public void add(List<String> subjects, Instant at, Instant forgetUpTo) {
        em.createQuery("DELETE FROM SignInFailure f WHERE f.failedAt <= :cutoff")
                .setParameter("cutoff", utc(forgetUpTo))
                .executeUpdate();
        subjects.forEach(subject -> em.persist(new SignInFailure(subject, utc(at))));
    }

    @Override
    public void clear(String subject) {
        em.createQuery("DELETE FROM SignInFailure f WHERE f.subject = :subject")
                .setParameter("subject", subject)
                .executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
