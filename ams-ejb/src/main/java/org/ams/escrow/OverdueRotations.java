package org.ams.escrow;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.ams.notify.SystemAlert;
import org.ams.notify.SystemAlerts;
import org.ams.platform.DatabaseMigration;
import org.ams.platform.HoursSetting;

/**
 * Tells the channels that take system alerts about rotations that have waited too long for their device: a
 * recovery password that was shown stays valid until the device replaces it, so a device that does not check in (or
 * whose agent cannot rotate) leaves it open. Every ten minutes, the open rotations requested more than
 * {@value #ALERT_AFTER_SETTING} hours ago (default {@value #DEFAULT_ALERT_AFTER_HOURS}) and not yet announced are
 * named in one {@link SystemAlert#ROTATION_OVERDUE} alert, each rotation once. Several nodes sharing one database
 * announce each rotation once: a rotation is taken by a conditional UPDATE that only one of them can make match.
 */
@Singleton
// Any caller: the schedule runs it with no caller; it changes nothing but when each rotation was announced.
@PermitAll
public class OverdueRotations {

    /** Hours a rotation may wait for its device before the alert (1 to 8760). */
    public static final String ALERT_AFTER_SETTING = "ams.rotation.overdue-alert-hours";
    static final int DEFAULT_ALERT_AFTER_HOURS = 24;
    static final HoursSetting ALERT_AFTER = new HoursSetting(ALERT_AFTER_SETTING, DEFAULT_ALERT_AFTER_HOURS,
            24 * 365, "Announcing rotations overdue after");
    /** At most this many rotations per alert; the next sweep announces the rest. */
    static final int MAX_PER_ALERT = 500;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Logger LOG = Logger.getLogger(OverdueRotations.class.getName());

    @PersistenceContext
    private EntityManager em;

    @EJB
    private SystemAlerts alerts;

    @EJB
    private DatabaseMigration migration;

    /** The configured wait before a rotation is announced as overdue, in hours. */
    public static long alertAfterHours() {
        return ALERT_AFTER.current().toHours();
    }

    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void scheduled() {
        if (migration.state().ready()) {
            announce(OffsetDateTime.now(ZoneOffset.UTC));
        }
    }

    /**
     * Announces the open rotations that, at {@code now}, have waited longer than the configured time and were not
     * announced before, in one alert, the longest waiting first.
     *
     * @return how many rotations the alert names; 0 when none is overdue (and no alert is raised)
     */
    public int announce(OffsetDateTime now) {
        Duration alertAfter = ALERT_AFTER.current();
        List<RotationRequest> overdue = em.createQuery("SELECT r FROM RotationRequest r JOIN FETCH r.device "
                        + "WHERE r.openFlag IS NOT NULL AND r.overdueAlertedAt IS NULL AND r.requestedAt < :before "
                        + "ORDER BY r.requestedAt, r.id", RotationRequest.class)
                .setParameter("before", now.minus(alertAfter)).setMaxResults(MAX_PER_ALERT).getResultList();
        List<RotationRequest> taken = new ArrayList<>();
        for (RotationRequest rotation : overdue) {
            // One row at a time: another node announcing at the same moment takes the rows this one does not. The
            // version stays (EclipseLink would add an increment): a check-in closing the rotation still commits.
            int updated = em.createQuery("UPDATE RotationRequest r SET r.overdueAlertedAt = :now, "
                            + "r.version = r.version "
                            + "WHERE r.id = :id AND r.overdueAlertedAt IS NULL")
                    .setParameter("now", now).setParameter("id", rotation.getId()).executeUpdate();
            if (updated == 1) {
                taken.add(rotation);
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        long hours = alertAfter.toHours();
        alerts.raise(SystemAlert.ROTATION_OVERDUE, taken.size() + " recovery password rotation(s) have waited more "
                + "than " + hours + " hour(s) for their device, the oldest since " + taken.get(0).getRequestedAt()
                .atZoneSameInstant(ZoneOffset.UTC).format(MINUTE) + " UTC. Until the device checks in and replaces "
                + "it, each old recovery password still unlocks its volume. The Dashboard lists the waiting rotations.",
                taken.stream().map(rotation -> rotation.getDevice().getName()).toList());
        LOG.info(() -> "Announced " + taken.size() + " rotation(s) overdue by more than " + hours + " hour(s).");
        return taken.size();
    }
}
