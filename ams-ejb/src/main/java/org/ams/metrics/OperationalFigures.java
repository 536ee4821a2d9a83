package org.ams.metrics;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ams.crypto.CertificateRotation;
import org.ams.devices.DeviceState;
import org.ams.escrow.KeyState;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.VerificationRun;
import org.ams.notify.outbox.DeliveryState;

/**
 * Reads the figures the gauges show, each one aggregate query on an indexed column or a single-row table, in one
 * read-only transaction. Called by {@link AmsMetrics} at most every {@value AmsMetrics#FIGURES_TTL_SECONDS} seconds,
 * never per request. An EJB rather than a CDI bean so that its persistence context is the EJB module's own also in
 * the EAR, where the web module that scrapes has none.
 */
@Stateless
// Any caller: /metrics has no signed-in user (its servlet admits scrapers by address), and these are counts and ages,
// never a secret, a name or an address.
@PermitAll
public class OperationalFigures {

    private static final List<RotationRequest.State> OPEN = List.of(RotationRequest.State.REQUESTED,
            RotationRequest.State.REPLACEMENT_HELD);

    @PersistenceContext
    private EntityManager em;

    public Figures read() {
        Map<String, Long> devices = zeros(DeviceState.values());
        em.createQuery("SELECT d.state, COUNT(d) FROM Device d GROUP BY d.state", Object[].class).getResultStream()
                .forEach(row -> devices.put(((DeviceState) row[0]).name(), number(row[1])));
        OffsetDateTime lastCheckIn = em.createQuery("SELECT MAX(d.lastCheckInAt) FROM Device d WHERE d.state = "
                + ":approved", OffsetDateTime.class).setParameter("approved", DeviceState.APPROVED).getSingleResult();

        Map<String, Long> keys = zeros(KeyState.values());
        em.createQuery("SELECT k.state, COUNT(k) FROM RecoveryKey k GROUP BY k.state", Object[].class)
                .getResultStream().forEach(row -> keys.put(((KeyState) row[0]).name(), number(row[1])));
        long unreadable = em.createQuery("SELECT COUNT(k) FROM RecoveryKey k WHERE k.unreadableSince IS NOT NULL",
                Long.class).getSingleResult();
        VerificationRun verification = em.createQuery("SELECT r FROM VerificationRun r", VerificationRun.class)
                .getResultStream().findFirst().orElse(null);

        Map<String, Long> rotations = zeros(OPEN.toArray(RotationRequest.State[]::new));
        OffsetDateTime oldestRotation = null;
        for (Object[] row : em.createQuery("SELECT r.state, COUNT(r), MIN(r.requestedAt) FROM RotationRequest r "
                + "WHERE r.state IN :open GROUP BY r.state", Object[].class).setParameter("open", OPEN)
                .getResultList()) {
            rotations.put(((RotationRequest.State) row[0]).name(), number(row[1]));
            oldestRotation = earlier(oldestRotation, (OffsetDateTime) row[2]);
        }
        long failedRotations = em.createQuery("SELECT COUNT(r) FROM RotationRequest r WHERE r.state = :failed "
                        + "AND r.key.state = :current", Long.class)
                .setParameter("failed", RotationRequest.State.FAILED).setParameter("current", KeyState.CURRENT)
                .getSingleResult();
        long certificateRotationLeft = em.createQuery("SELECT r FROM CertificateRotation r WHERE r.state = :running",
                        CertificateRotation.class).setParameter("running", CertificateRotation.State.RUNNING)
                .getResultStream().mapToLong(r -> Math.max(0, r.getTotal() - r.getRewrapped() - r.getFailed())).sum();

        Object[] outbox = em.createQuery("SELECT COUNT(e), MIN(e.createdAt) FROM OutboxEntry e WHERE e.state = "
                + ":pending", Object[].class).setParameter("pending", DeliveryState.PENDING).getSingleResult();
        long outboxFailed = em.createQuery("SELECT COUNT(e) FROM OutboxEntry e WHERE e.state = :failed", Long.class)
                .setParameter("failed", DeliveryState.FAILED).getSingleResult();

        boolean forwarding = em.createQuery("SELECT s.enabled FROM AuditForwardingSettings s", Boolean.class)
                .getResultStream().findFirst().orElse(false);
        Object[] cursor = em.createQuery("SELECT c.lastForwarded, c.failures FROM ForwardingCursor c", Object[].class)
                .getResultStream().findFirst().orElse(new Object[] {0L, 0});
        long lastForwarded = number(cursor[0]);
        Long newest = em.createQuery("SELECT MAX(e.sequence) FROM AuditEvent e", Long.class).getSingleResult();
        long backlog = forwarding ? Math.max(0, (newest == null ? 0 : newest) - lastForwarded) : 0;
        OffsetDateTime oldestUnforwarded = backlog == 0 ? null : em.createQuery("SELECT e.occurredAt FROM AuditEvent "
                        + "e WHERE e.sequence = :next", OffsetDateTime.class).setParameter("next", lastForwarded + 1)
                .getResultStream().findFirst().orElse(null);

        return new Figures(Instant.now(), devices, instant(lastCheckIn), keys, unreadable,
                verification == null ? null : instant(verification.getFinishedAt()),
                verification == null ? 0 : verification.getChecked(),
                verification == null ? 0 : verification.getUnreadable(), rotations, instant(oldestRotation),
                failedRotations, certificateRotationLeft, number(outbox[0]), instant((OffsetDateTime) outbox[1]),
                outboxFailed, forwarding, backlog, instant(oldestUnforwarded), (int) number(cursor[1]));
    }

    private static Map<String, Long> zeros(Enum<?>[] states) {
        Map<String, Long> counts = new HashMap<>();
        for (Enum<?> state : states) {
            counts.put(state.name(), 0L);
        }
        return counts;
    }

    private static OffsetDateTime earlier(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** COUNT answers a Long, SUM over no rows NULL, a column its own type. */
    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
