package org.ams.dashboard;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ams.access.AccessRequests;
import org.ams.audit.AuditEvent;
import org.ams.authz.ResultCode;
import org.ams.devices.Device;
import org.ams.devices.DeviceState;
import org.ams.escrow.RotationRequest;
import org.ams.escrow.VerificationRun;
import org.ams.security.RoleNames;

/**
 * The administrator's coverage view: "which devices have no recovery key in AMS?", and around it the figures that
 * explain the answer. Each figure is one aggregate query, so the cost does not grow with what is loaded into memory;
 * the indexes it relies on are those on {@code device(state)}, {@code recovery_key(device_id, state)},
 * {@code recovery_key(escrowed_at)}, {@code recovery_key(unreadable_since)}, {@code key_rotation(state, requested_at)}
 * and {@code audit_event(result_code)}. Lists are cut at a few rows, oldest or newest first as the index reads them.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class Dashboard {

    /** How many days the keys-escrowed-per-day figure covers, today included. */
    public static final int ESCROW_DAYS = 14;
    public static final int RECENT_DENIALS = 10;
    /** How many waiting and how many failed rotations are listed; the totals count them all. */
    public static final int ROTATIONS_LISTED = 10;
    public static final int DEFAULT_STALE_DAYS = 30;
    public static final int MAX_STALE_DAYS = 3650;

    private static final String APPROVED = "d.state = org.ams.devices.DeviceState.APPROVED";
    private static final String HAS_CURRENT_KEY = "EXISTS (SELECT k.id FROM RecoveryKey k WHERE k.device = d "
            + "AND k.state = org.ams.escrow.KeyState.CURRENT)";
    private static final String WITHOUT_KEY = APPROVED + " AND NOT " + HAS_CURRENT_KEY;
    private static final List<String> REQUEST_ACTIONS = AccessRequests.REQUEST_ACTIONS;
    private static final List<RotationRequest.State> WAITING = List.of(RotationRequest.State.REQUESTED,
            RotationRequest.State.REPLACEMENT_HELD);
    private static final String FAILED_STILL_CURRENT = "r.state = org.ams.escrow.RotationRequest.State.FAILED "
            + "AND r.key.state = org.ams.escrow.KeyState.CURRENT";
    /** A request waiting for approval is not a denial: its approvers decide it. */
    private static final List<String> DENIALS = Arrays.stream(ResultCode.values())
            .filter(code -> !code.granted() && code != ResultCode.APPROVAL_PENDING).map(ResultCode::name).toList();

    @PersistenceContext
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param staleDays a device counts as stale when its agent has not checked in for this many days (1 to
     *                  {@value #MAX_STALE_DAYS}), or never did
     */
    public DashboardSnapshot snapshot(int staleDays) {
        if (staleDays < 1 || staleDays > MAX_STALE_DAYS) {
            throw new IllegalArgumentException("Stale means 1 to " + MAX_STALE_DAYS + " days without a check-in, not "
                    + staleDays + ".");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long[] stale = stale(now.minusDays(staleDays));
        return new DashboardSnapshot(devicesByState(),
                em.createQuery("SELECT COUNT(d) FROM Device d WHERE " + APPROVED + " AND " + HAS_CURRENT_KEY,
                        Long.class).getSingleResult(),
                countDevicesWithoutKeys(), staleDays, stale[0], stale[1], escrowedPerDay(now.toLocalDate()),
                recentDenials(), escrowHealth(), now.toInstant());
    }

    /** Approved devices without a current escrowed recovery password, by name, {@code max} from {@code first}. */
    public List<UncoveredDevice> devicesWithoutKeys(int first, int max) {
        return em.createQuery("SELECT d FROM Device d WHERE " + WITHOUT_KEY + " ORDER BY d.nameKey, d.id",
                        Device.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultStream()
                .map(device -> new UncoveredDevice(device.getId(), device.getName(),
                        device.getDirectory().getTenant().getName() + " / " + device.getDirectory().getName(),
                        device.getRegisteredAt(), device.getLastCheckInAt()))
                .toList();
    }

    public long countDevicesWithoutKeys() {
        return em.createQuery("SELECT COUNT(d) FROM Device d WHERE " + WITHOUT_KEY, Long.class).getSingleResult();
    }

    private Map<DeviceState, Long> devicesByState() {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        em.createQuery("SELECT d.state, COUNT(d) FROM Device d GROUP BY d.state", Object[].class).getResultStream()
                .forEach(row -> counts.put((DeviceState) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** Stale approved devices, and how many of them never checked in at all. */
    private long[] stale(OffsetDateTime cutoff) {
        Object[] row = em.createQuery("SELECT COUNT(d), SUM(CASE WHEN d.lastCheckInAt IS NULL THEN 1 ELSE 0 END) "
                        + "FROM Device d WHERE " + APPROVED + " AND (d.lastCheckInAt IS NULL OR d.lastCheckInAt < :cutoff)",
                        Object[].class)
                .setParameter("cutoff", cutoff)
                .getSingleResult();
        return new long[] {number(row[0]), number(row[1])};
    }

    /**
     * One scan of the last days' keys, each day a SUM over its UTC bounds. The bounds are computed here rather than by
     * a date function of the database: H2 and PostgreSQL truncate timestamps with time zone differently, and
     * PostgreSQL would use the session's time zone.
     */
    private List<EscrowDay> escrowedPerDay(LocalDate today) {
        LocalDate firstDay = today.minusDays(ESCROW_DAYS - 1L);
        StringBuilder jpql = new StringBuilder("SELECT ");
        for (int day = 0; day < ESCROW_DAYS; day++) {
            jpql.append(day == 0 ? "" : ", ").append("SUM(CASE WHEN k.escrowedAt >= :b").append(day)
                    .append(" AND k.escrowedAt < :b").append(day + 1).append(" THEN 1 ELSE 0 END)");
        }
        jpql.append(" FROM RecoveryKey k WHERE k.escrowedAt >= :b0 AND k.escrowedAt < :b").append(ESCROW_DAYS);
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class);
        for (int day = 0; day <= ESCROW_DAYS; day++) {
            query.setParameter("b" + day, firstDay.plusDays(day).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        Object[] sums = query.getSingleResult();
        List<EscrowDay> days = new ArrayList<>(ESCROW_DAYS);
        for (int day = 0; day < ESCROW_DAYS; day++) {
            days.add(new EscrowDay(firstDay.plusDays(day), number(sums[day])));
        }
        return days;
    }

    private List<DeniedRequest> recentDenials() {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.action IN :actions AND e.resultCode IN :denials "
                        + "ORDER BY e.sequence DESC", AuditEvent.class)
                .setParameter("actions", REQUEST_ACTIONS)
                .setParameter("denials", DENIALS)
                .setMaxResults(RECENT_DENIALS)
                .getResultStream()
                .map(Dashboard::denial)
                .toList();
    }

    private static DeniedRequest denial(AuditEvent event) {
        String computer = event.getAction().equals(AccessRequests.KEY_ID_LOOKUP_ACTION)
                ? "key ID " + event.getTargetId() : event.getTargetName();
        return new DeniedRequest(event.getSequence(), event.getOccurredAt(), event.getActor(), computer,
                event.getResultCode());
    }

    /**
     * Waiting rotations oldest first and failed ones newest first, each read through {@code ix_key_rotation_state
     * (state, requested_at)}; unreadable keys through {@code ix_recovery_key_unreadable}; the last verification from
     * its one row.
     */
    private EscrowHealth escrowHealth() {
        long waiting = em.createQuery("SELECT COUNT(r) FROM RotationRequest r WHERE r.state IN :waiting", Long.class)
                .setParameter("waiting", WAITING).getSingleResult();
        List<WaitingRotation> oldest = em.createQuery("SELECT r FROM RotationRequest r JOIN FETCH r.device "
                        + "WHERE r.state IN :waiting ORDER BY r.requestedAt, r.id", RotationRequest.class)
                .setParameter("waiting", WAITING).setMaxResults(ROTATIONS_LISTED).getResultStream()
                .map(r -> new WaitingRotation(r.getDevice().getId(), r.getDevice().getName(), r.getProtectorId(),
                        r.getCause().name(), r.getState().name(), r.getRequestedAt()))
                .toList();
        long failed = em.createQuery("SELECT COUNT(r) FROM RotationRequest r WHERE " + FAILED_STILL_CURRENT,
                Long.class).getSingleResult();
        List<FailedRotation> latest = em.createQuery("SELECT r FROM RotationRequest r JOIN FETCH r.device WHERE "
                        + FAILED_STILL_CURRENT + " ORDER BY r.requestedAt DESC, r.id", RotationRequest.class)
                .setMaxResults(ROTATIONS_LISTED).getResultStream()
                .map(r -> new FailedRotation(r.getDevice().getId(), r.getDevice().getName(), r.getProtectorId(),
                        r.getFailedStep(), r.getFailureReason(), r.getCompletedAt()))
                .toList();
        long unreadable = em.createQuery("SELECT COUNT(k) FROM RecoveryKey k WHERE k.unreadableSince IS NOT NULL",
                Long.class).getSingleResult();
        VerificationRun run = em.createQuery("SELECT r FROM VerificationRun r", VerificationRun.class)
                .getResultStream().findFirst().orElse(null);
        return new EscrowHealth(waiting, oldest, failed, latest, unreadable,
                run == null ? null : run.getFinishedAt(), run == null ? 0 : run.getChecked());
    }

    /** SUM over no rows is NULL. */
    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
