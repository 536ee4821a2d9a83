package org.ams.notify.outbox;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ams.notify.AccessNotification;
import org.ams.notify.channel.ChannelSecrets;
import org.ams.notify.channel.NotificationChannel;
import org.ams.notify.channel.OutboundChannel;
import org.ams.platform.ServerInstance;

/**
 * The persistent queue of notifications, and the steps of delivering one: claim, prepare, record. Each step is its
 * own short transaction; the worker sends between them, so no transaction (or row lock) is held while a mail server
 * or webhook receiver takes its time.
 * <p>
 * A row is claimed with a conditional UPDATE that sets a lease ({@code claimed_until}) and a token. Only one of
 * several workers, on one server or many, can make that UPDATE match, on H2 and PostgreSQL alike (the second waits
 * for the first's row lock and then finds the condition false). A server that dies while sending leaves a lease that
 * runs out, and the row is delivered again: at least once, never twice at the same time. The same server started
 * again does not wait for its earlier process's lease: the claim names the process ({@link ServerInstance}).
 */
@Stateless
// Any caller: the outbox worker delivers with no caller, and an access request's immediate delivery runs as its
// Helpdesk user. Nothing here is reachable from a page but through those.
@PermitAll
public class Outbox {

    /** Longer than connecting and sending can take ({@link OutboundChannel}'s time-outs), so a lease never runs out mid-send. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * A row no worker holds: never claimed, given back, its lease run out, or claimed by an earlier process of this
     * server (which stopped or died while sending: the server started again sends it at once).
     */
    private static final String FREE = "(e.claimedUntil IS NULL OR e.claimedUntil < :now OR "
            + ServerInstance.leftByEarlierProcess("e") + ")";
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    @PersistenceContext
    private EntityManager em;

    /** A row this worker may deliver until its lease runs out. */
    public record Claim(UUID entryId, String token) {
    }

    /** A claimed row, ready to send: the adapter (credentials opened) and the message's values. */
    public record PreparedDelivery(Claim claim, String channelName, OutboundChannel channel,
                                   AccessNotification notification) {
    }

    @Inject
    private Event<OutboxFilled> filled;

    /**
     * Queues the notification for each of the channels, in the caller's transaction, and wakes the worker once that
     * transaction has committed: the rows exist exactly when what they announce does.
     *
     * @return the entries written
     */
    public List<UUID> queue(List<NotificationChannel> channels, AccessNotification notification) {
        Instant now = Instant.now();
        List<UUID> queued = channels.stream().map(channel -> {
            OutboxEntry entry = new OutboxEntry(channel, notification, now);
            em.persist(entry);
            return entry.getId();
        }).toList();
        if (!queued.isEmpty()) {
            filled.fire(new OutboxFilled(queued.size()));
        }
        return queued;
    }

    /** Claims up to {@code max} due rows, oldest due first. */
    public List<Claim> claimDue(int max) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> due = ServerInstance.bindProcess(em.createQuery("SELECT e.id FROM OutboxEntry e WHERE "
                        + "e.state = :pending AND e.nextAttemptAt <= :now AND " + FREE + " ORDER BY e.nextAttemptAt",
                        UUID.class))
                .setParameter("pending", DeliveryState.PENDING)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
        List<Claim> claims = new ArrayList<>();
        for (UUID id : due) {
            String token = UUID.randomUUID().toString();
            int claimed = ServerInstance.bindProcess(em.createQuery("UPDATE OutboxEntry e SET e.claimedUntil = :until, "
                            + "e.claimToken = :token, e.claimedBy = :thisProcess WHERE e.id = :id "
                            + "AND e.state = :pending AND " + FREE))
                    .setParameter("until", now.plus(LEASE))
                    .setParameter("token", token)
                    .setParameter("id", id)
                    .setParameter("pending", DeliveryState.PENDING)
                    .setParameter("now", now)
                    .executeUpdate();
            if (claimed == 1) {
                claims.add(new Claim(id, token));
            }
        }
        return claims;
    }

    /** The claimed row ready to send, or empty when it is no longer this worker's or its channel cannot send. */
    public Optional<PreparedDelivery> prepare(Claim claim) {
        OutboxEntry entry = em.find(OutboxEntry.class, claim.entryId());
        if (entry == null || !entry.claimedBy(claim.token())) {
            return Optional.empty();
        }
        NotificationChannel channel = em.find(NotificationChannel.class, entry.getChannelId());
        if (channel == null || !channel.isEnabled()) {
            entry.abandoned(Instant.now(), "The channel was disabled before this notification was delivered.");
            return Optional.empty();
        }
        return Optional.of(new PreparedDelivery(claim, channel.getName(), ChannelSecrets.outboundFor(channel),
                entry.notification()));
    }

    /** @param error why sending failed, or {@code null} when it was accepted */
    public void record(Claim claim, String outcome, String error) {
        OutboxEntry entry = em.find(OutboxEntry.class, claim.entryId());
        if (entry == null || !entry.claimedBy(claim.token())) {
            // The lease ran out and another worker took the row over; its result is the one that counts.
            LOG.warning("Notification " + claim.entryId() + " was taken over by another worker before its result "
                    + "was recorded");
            return;
        }
        if (error == null) {
            entry.delivered(Instant.now(), outcome);
        } else {
            entry.failed(Instant.now(), error);
            LOG.info("Notification " + entry.getId() + " to channel '" + entry.getChannelName() + "' failed (attempt "
                    + entry.getAttempts() + "): " + error + (entry.getState() == DeliveryState.FAILED
                    ? "; given up" : "; next attempt at " + entry.getNextAttemptAt()));
        }
    }

    /**
     * Keeps the outcome of a synchronous delivery for the page. In a transaction of its own because the caller's may
     * roll back: a fail-closed channel's failure usually ends in a denied, rolled-back request, and that failure is
     * exactly what an administrator needs to see.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAttempt(UUID channelId, AccessNotification notification, String outcome, String error) {
        NotificationChannel channel = em.find(NotificationChannel.class, channelId);
        if (channel != null) {
            em.persist(OutboxEntry.attempted(channel, notification, Instant.now(), outcome, error));
        }
    }
}
