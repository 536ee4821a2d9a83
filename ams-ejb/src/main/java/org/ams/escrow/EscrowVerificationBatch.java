package org.ams.escrow;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.audit.AuditTrail;
import org.ams.crypto.SecretCheck;
import org.ams.crypto.SecretVault;
import org.ams.notify.SystemAlert;
import org.ams.notify.SystemAlerts;
import org.ams.platform.ServerInstance;

/**
 * The steps of an escrow verification run, each its own transaction: claim the run, check one batch of keys, finish
 * (or give the claim back). A batch's verdicts and the extension of the claim commit together, so a run that stops
 * half way has recorded what it checked, and nothing holds a transaction open across a large database.
 * <p>
 * The claim is a conditional UPDATE of the one {@code escrow_verification} row, as the notification outbox claims its
 * rows: only one node's UPDATE can match while an unexpired claim is there, on H2 and PostgreSQL alike. Verdicts are
 * bulk UPDATEs too, so they neither bump a key's version nor collide with a check-in superseding it meanwhile.
 */
@Stateless
// Any caller: EscrowVerification runs it on a timer and after a certificate rotation (no caller), and for an
// administrator's Verify now; it reads no secret out of the vault and changes only verification columns.
@PermitAll
public class EscrowVerificationBatch {

    /** How many unreadable keys the audit record names; the count says how many more there are. */
    static final int NAMED_IN_AUDIT = 20;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private SecretVault vault;

    @EJB
    private AuditTrail audit;

    @EJB
    private SystemAlerts alerts;

    /** How one batch went: whether the run still holds its claim, the last key checked, and the verdicts. */
    public record Batch(boolean claimHeld, UUID lastKeyId, int checked, int unreadable) {
    }

    /**
     * Claims the run for this node, if no other holds an unexpired claim and (unless {@code force}) the last run
     * finished more than {@code interval} ago.
     *
     * @return the claim's token, to pass to every further step
     */
    public Optional<String> claim(boolean force, Duration interval, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String token = UUID.randomUUID().toString();
        String due = force ? "" : " AND (r.finishedAt IS NULL OR r.finishedAt < :dueBefore)";
        // A claim left by an earlier process of this server (stopped or died mid-run) is taken back at once.
        var update = ServerInstance.bindProcess(em.createQuery("UPDATE VerificationRun r SET r.claimToken = :token, "
                        + "r.claimedUntil = :until, r.claimedBy = :thisProcess, r.startedAt = :now WHERE r.id = :id "
                        + "AND (r.claimToken IS NULL OR r.claimedUntil IS NULL OR r.claimedUntil < :now OR "
                        + ServerInstance.leftByEarlierProcess("r") + ")" + due))
                .setParameter("token", token)
                .setParameter("until", now.plus(lease))
                .setParameter("now", now)
                .setParameter("id", VerificationRun.ID);
        if (!force) {
            update.setParameter("dueBefore", now.minus(interval));
        }
        return update.executeUpdate() == 1 ? Optional.of(token) : Optional.empty();
    }

    /**
     * Opens the sealed secrets of up to {@code size} keys after {@code afterKeyId} (in id order, history included) and
     * records each verdict: a key that opens gets {@code last_verified_at}, one that does not keeps the time it was
     * first found unreadable, with the reason. Extends the claim first; a run whose claim ran out and was taken over
     * checks nothing more.
     */
    public Batch verifyNext(String token, UUID afterKeyId, int size, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int held = em.createQuery("UPDATE VerificationRun r SET r.claimedUntil = :until WHERE r.id = :id "
                        + "AND r.claimToken = :token")
                .setParameter("until", now.plus(lease)).setParameter("id", VerificationRun.ID)
                .setParameter("token", token).executeUpdate();
        if (held != 1) {
            return new Batch(false, afterKeyId, 0, 0);
        }
        TypedQuery<Object[]> query = em.createQuery("SELECT k.id, k.secretId FROM RecoveryKey k"
                + (afterKeyId == null ? "" : " WHERE k.id > :after") + " ORDER BY k.id", Object[].class);
        if (afterKeyId != null) {
            query.setParameter("after", afterKeyId);
        }
        List<Object[]> keys = query.setMaxResults(size).getResultList();
        List<UUID> readable = new ArrayList<>();
        Map<UUID, String> unreadable = new LinkedHashMap<>();
        for (Object[] key : keys) {
            SecretCheck check = vault.checkRecoveryPassword((UUID) key[1]);
            if (check.readable()) {
                readable.add((UUID) key[0]);
            } else {
                unreadable.put((UUID) key[0], reason(check.problem()));
            }
        }
        recordVerdicts(now, readable, unreadable);
        return new Batch(true, keys.isEmpty() ? afterKeyId : (UUID) keys.get(keys.size() - 1)[0], keys.size(),
                unreadable.size());
    }

    private void recordVerdicts(OffsetDateTime now, List<UUID> readable, Map<UUID, String> unreadable) {
        if (!readable.isEmpty()) {
            em.createQuery("UPDATE RecoveryKey k SET k.lastVerifiedAt = :now, k.unreadableSince = NULL, "
                            + "k.unreadableReason = NULL, k.version = k.version WHERE k.id IN :ids")
                    .setParameter("now", now).setParameter("ids", readable).executeUpdate();
        }
        if (unreadable.isEmpty()) {
            return;
        }
        em.createQuery("UPDATE RecoveryKey k SET k.unreadableSince = :now, k.version = k.version "
                        + "WHERE k.id IN :ids "
                        + "AND k.unreadableSince IS NULL")
                .setParameter("now", now).setParameter("ids", unreadable.keySet()).executeUpdate();
        // Grouped by reason: a lost key or certificate makes many keys unreadable for the same reason at once.
        unreadable.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
                .forEach((reason, ids) -> em.createQuery("UPDATE RecoveryKey k SET k.unreadableReason = :reason, "
                                + "k.version = k.version "
                                + "WHERE k.id IN :ids")
                        .setParameter("reason", reason).setParameter("ids", ids).executeUpdate());
    }

    /**
     * Ends the run: records when it finished, how many keys it checked and how many are unreadable now, gives the
     * claim back, and, when any is unreadable, records {@value EscrowVerification#FAILED} in the audit log naming
     * them by protector and device. All in one transaction: no finished run without its audit record.
     */
    public VerificationOutcome finish(String token, long checked) {
        // To the microsecond, as both databases keep it: the outcome and the Dashboard then name the same instant.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        long unreadable = countUnreadable(em);
        int held = em.createQuery("UPDATE VerificationRun r SET r.finishedAt = :now, r.checked = :checked, "
                        + "r.unreadable = :unreadable, r.claimToken = NULL, r.claimedUntil = NULL, r.claimedBy = NULL "
                        + "WHERE r.id = :id AND r.claimToken = :token")
                .setParameter("now", now).setParameter("checked", checked).setParameter("unreadable", unreadable)
                .setParameter("id", VerificationRun.ID).setParameter("token", token).executeUpdate();
        if (held != 1) {
            return VerificationOutcome.notRun();
        }
        if (unreadable > 0) {
            List<UnreadableKey> named = unreadableKeys(em, NAMED_IN_AUDIT);
            String remedy = "Have each device escrow its recovery password again (Rotate now), or restore the "
                    + "certificate's key from its backup.";
            audit.record(EscrowVerification.FAILED, "RecoveryKey", null, "escrowed recovery passwords",
                    "Verification opened the sealed secrets of " + checked + " escrowed key(s): " + unreadable
                            + " cannot be opened by this server. "
                            + named.stream().map(UnreadableKey::describe).collect(Collectors.joining("; "))
                            + (unreadable > named.size() ? "; and " + (unreadable - named.size()) + " more" : "")
                            + ". " + remedy);
            alerts.raise(SystemAlert.UNREADABLE_SECRETS, "The escrow check found " + unreadable + " stored recovery "
                    + "password(s) that this server cannot open; the audit log names them (" + EscrowVerification.FAILED
                    + "). " + remedy, named.stream().map(UnreadableKey::deviceName).toList());
        }
        return new VerificationOutcome(true, checked, unreadable, now);
    }

    /** Gives the claim back after a run that stopped early, so the next one need not wait for it to run out. */
    public void release(String token) {
        em.createQuery("UPDATE VerificationRun r SET r.claimToken = NULL, r.claimedUntil = NULL, r.claimedBy = NULL "
                        + "WHERE r.id = :id AND r.claimToken = :token")
                .setParameter("id", VerificationRun.ID).setParameter("token", token).executeUpdate();
    }

    /** Keys whose sealed secret does not open, history included: each one a recovery password that cannot be shown. */
    static long countUnreadable(EntityManager em) {
        return em.createQuery("SELECT COUNT(k) FROM RecoveryKey k WHERE k.unreadableSince IS NOT NULL", Long.class)
                .getSingleResult();
    }

    /** The unreadable keys found longest ago first, up to {@code max}. */
    static List<UnreadableKey> unreadableKeys(EntityManager em, int max) {
        return em.createQuery("SELECT k FROM RecoveryKey k JOIN FETCH k.device WHERE k.unreadableSince IS NOT NULL "
                        + "ORDER BY k.unreadableSince, k.id", RecoveryKey.class)
                .setMaxResults(max).getResultStream()
                .map(key -> new UnreadableKey(key.getId(), key.getDevice().getName(), key.getProtectorId(),
                        key.getState(), key.getUnreadableSince(), key.getUnreadableReason()))
                .toList();
    }

    private static String reason(String problem) {
        return problem.length() > RecoveryKey.MAX_REASON ? problem.substring(0, RecoveryKey.MAX_REASON) : problem;
    }
}
