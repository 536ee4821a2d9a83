package org.ams.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ams.notify.channel.ChannelKind;
import org.ams.notify.channel.ChannelSecrets;
import org.ams.notify.channel.NotificationChannel;
import org.ams.notify.outbox.Outbox;
import org.ams.security.RoleNames;

/**
 * Sends notifications about access requests; the access-request layer's entry point. Which channels fire is the
 * caller's business (the deciding rule's success or failure channels); every enabled global channel is added.
 * <p>
 * Channels are split by their "deny the request if delivery fails" option: the caller first calls
 * {@link #deliverNow} (only fail-closed channels, synchronously, an exception when one fails, so the request can be
 * denied), then {@link #enqueue} (every other channel, through the persistent outbox).
 */
@Stateless
// Those who may ask AccessRequests and SelfServiceRecovery, its callers: no one else sends access notifications.
@RolesAllowed({RoleNames.HELPDESK, RoleNames.ADMINISTRATOR, RoleNames.SELF_SERVICE})
public class Notifications {

    @PersistenceContext
    private EntityManager em;

    @EJB
    private Outbox outbox;

    /**
     * Queues the notification for each enabled channel among {@code channelIds} and the global ones that does not
     * deny on failure. The rows join the caller's transaction: they exist exactly when the request's outcome does.
     * Unknown ids are ignored (a rule may name a channel deleted since).
     *
     * @return the outbox entries written
     */
    public List<UUID> enqueue(AccessNotification notification, Collection<UUID> channelIds) {
        Objects.requireNonNull(notification, "notification");
        return outbox.queue(firing(channelIds).stream().filter(channel -> !channel.isDenyOnFailure()).toList(),
                notification);
    }

    /**
     * Queues the notification for one person, by email to {@code address} alone, through the first enabled email
     * channel among {@code channelIds} (a rule's channels; the global ones are not used, and no webhook: those hear of
     * the event through {@link #enqueue}). Joins the caller's transaction like {@link #enqueue}.
     *
     * @return the name of the channel it was queued for; empty when none of the channels sends email
     */
    public Optional<String> enqueueTo(String address, AccessNotification notification, Collection<UUID> channelIds) {
        Objects.requireNonNull(notification, "notification");
        Optional<NotificationChannel> mail = (channelIds == null ? List.<UUID>of() : channelIds).stream()
                .filter(Objects::nonNull).map(id -> em.find(NotificationChannel.class, id))
                .filter(channel -> channel != null && channel.isEnabled() && channel.getKind() == ChannelKind.SMTP)
                .findFirst();
        mail.ifPresent(channel -> outbox.queue(List.of(channel), notification.to(address)));
        return mail.map(NotificationChannel::getName);
    }

    /**
     * Delivers the notification now to each enabled fail-closed channel among {@code channelIds} and the global ones,
     * trying every one of them.
     *
     * @return what each receiver said, by channel name
     * @throws DeliveryFailedException when any of them did not accept it; the request must then be denied
     */
    public Map<String, String> deliverNow(AccessNotification notification, Collection<UUID> channelIds)
            throws DeliveryFailedException {
        Objects.requireNonNull(notification, "notification");
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (NotificationChannel channel : firing(channelIds)) {
            if (channel.isDenyOnFailure()) {
                try {
                    String outcome = ChannelSecrets.outboundFor(channel).send(notification);
                    outcomes.put(channel.getName(), outcome);
                    outbox.recordAttempt(channel.getId(), notification, outcome, null);
                } catch (DeliveryFailedException e) {
                    failures.add(channel.getName() + ": " + e.getMessage());
                    outbox.recordAttempt(channel.getId(), notification, null, e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new DeliveryFailedException("Required notification could not be delivered ("
                    + String.join("; ", failures) + ")");
        }
        return outcomes;
    }

    /**
     * The names of the channels that fire for a request with these channel ids, for its audit record: the enabled
     * ones among {@code channelIds} and the enabled global ones; for a granted request all of them ({@link #deliverNow}
     * delivers the fail-closed ones, {@link #enqueue} queues the others), for a denied one only those
     * {@link #enqueue} queues.
     */
    public List<String> firingChannelNames(Collection<UUID> channelIds, boolean granted) {
        return firing(channelIds).stream().filter(channel -> granted || !channel.isDenyOnFailure())
                .map(NotificationChannel::getName).toList();
    }

    private Collection<NotificationChannel> firing(Collection<UUID> channelIds) {
        Map<UUID, NotificationChannel> channels = new LinkedHashMap<>();
        for (UUID id : channelIds == null ? List.<UUID>of() : channelIds) {
            NotificationChannel channel = id == null ? null : em.find(NotificationChannel.class, id);
            if (channel != null && channel.isEnabled()) {
                channels.put(id, channel);
            }
        }
        em.createNamedQuery(NotificationChannel.ENABLED_GLOBAL, NotificationChannel.class).getResultStream()
                .forEach(channel -> channels.putIfAbsent(channel.getId(), channel));
        return channels.values();
    }
}
