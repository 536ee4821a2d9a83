package org.ams.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditTrail;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.ChannelKind;
import org.ams.notify.channel.ChannelSecrets;
import org.ams.notify.channel.NotificationChannel;
import org.ams.notify.channel.WebhookHeaders;
import org.ams.notify.outbox.DeliveryCounts;
import org.ams.notify.outbox.DeliveryState;
import org.ams.notify.outbox.Outbox;
import org.ams.notify.outbox.OutboxEntry;
import org.ams.security.RoleNames;

/**
 * Settings / Notification channels: configuring where notifications go, and trying a channel out. Credentials are
 * sealed before they are stored and never come back out of this service; audit records describe a change without
 * them.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class NotificationChannels {

    private static final String AUDIT_TYPE = "NotificationChannel";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private Outbox outbox;

    @EJB
    private AuditTrail audit;

    public List<NotificationChannel> list() {
        return em.createNamedQuery(NotificationChannel.BY_NAME, NotificationChannel.class).getResultList();
    }

    public Optional<NotificationChannel> find(UUID id) {
        return Optional.ofNullable(id).map(key -> em.find(NotificationChannel.class, key));
    }

    public NotificationChannel get(UUID id) {
        return find(id).orElseThrow(() -> new NotificationException("That notification channel no longer exists; "
                + "reload the page."));
    }

    /**
     * @param smtpPassword   the SMTP password; required when the settings name a user, ignored otherwise
     * @param webhookHeaders {@code Name: value} lines for a webhook, or empty
     */
    public NotificationChannel create(ChannelDefinition definition, char[] smtpPassword, String webhookHeaders) {
        requireUniqueName(definition.name(), null);
        NotificationChannel channel = new NotificationChannel(definition);
        String secrets = "";
        if (definition.kind() == ChannelKind.SMTP && definition.smtp().signsIn()) {
            if (smtpPassword == null || smtpPassword.length == 0) {
                throw new InvalidChannelException("Enter the password of the SMTP user " + definition.smtp().username()
                        + ", or leave the user name empty for a relay that needs no sign-in.");
            }
            channel.sealedPassword(ChannelSecrets.sealPassword(smtpPassword));
            secrets = "; password stored encrypted";
        } else if (definition.kind() == ChannelKind.WEBHOOK) {
            WebhookHeaders headers = WebhookHeaders.parse(webhookHeaders);
            channel.sealedHeaders(ChannelSecrets.sealHeaders(headers));
            secrets = headers.isEmpty() ? "" : "; headers " + headers.names() + " stored encrypted";
        }
        em.persist(channel);
        audit.record("notification-channel.created", AUDIT_TYPE, channel.getId().toString(), channel.getName(),
                describe(channel) + secrets);
        return channel;
    }

    /**
     * Changes a channel. An empty password keeps the stored one. {@code webhookHeaders} {@code null} keeps the stored
     * headers; any other value replaces them (blank removes them).
     */
    public NotificationChannel update(UUID id, ChannelDefinition definition, char[] smtpPassword,
                                      String webhookHeaders) {
        NotificationChannel channel = get(id);
        requireUniqueName(definition.name(), id);
        channel.define(definition);
        String secrets = "";
        if (channel.getKind() == ChannelKind.SMTP && definition.smtp().signsIn()) {
            if (smtpPassword != null && smtpPassword.length > 0) {
                channel.sealedPassword(ChannelSecrets.sealPassword(smtpPassword));
                secrets = "; password replaced";
            } else if (!channel.hasPassword()) {
                throw new InvalidChannelException("Enter the password of the SMTP user " + definition.smtp().username()
                        + ".");
            }
        } else if (channel.getKind() == ChannelKind.WEBHOOK && webhookHeaders != null) {
            WebhookHeaders headers = WebhookHeaders.parse(webhookHeaders);
            channel.sealedHeaders(ChannelSecrets.sealHeaders(headers));
            secrets = headers.isEmpty() ? "; headers removed" : "; headers replaced (" + headers.names() + ")";
        }
        audit.record("notification-channel.changed", AUDIT_TYPE, id.toString(), channel.getName(),
                describe(channel) + secrets);
        return channel;
    }

    public void enable(UUID id, boolean enable) {
        NotificationChannel channel = get(id);
        channel.enable(enable);
        audit.record(enable ? "notification-channel.enabled" : "notification-channel.disabled", AUDIT_TYPE,
                id.toString(), channel.getName(), null);
    }

    /** Deletes the channel with its queue and delivery history. */
    public void delete(UUID id) {
        NotificationChannel channel = get(id);
        long dropped = em.createQuery("DELETE FROM OutboxEntry e WHERE e.channelId = :id")
                .setParameter("id", id).executeUpdate();
        em.remove(channel);
        audit.record("notification-channel.deleted", AUDIT_TYPE, id.toString(), channel.getName(),
                dropped == 0 ? null : dropped + " queued or delivered notification(s) removed with it");
    }

    /**
     * Sends a made-up access request through the channel now, enabled or not, and says what the receiver answered.
     *
     * @throws NotificationException with the reason the receiver did not accept it
     */
    public String sendTest(UUID id) {
        NotificationChannel channel = get(id);
        AccessNotification sample = AccessNotification.sample();
        try {
            String outcome = ChannelSecrets.outboundFor(channel).send(sample);
            outbox.recordAttempt(id, sample, "test: " + outcome, null);
            audit.record("notification-channel.tested", AUDIT_TYPE, id.toString(), channel.getName(),
                    "test message " + outcome);
            return "Test message " + outcome + ".";
        } catch (DeliveryFailedException e) {
            outbox.recordAttempt(id, sample, null, "test: " + e.getMessage());
            throw new NotificationException("The test message was not delivered: " + e.getMessage());
        }
    }

    /** The names of a webhook's stored headers ("Authorization, X-Team"), never their values; empty when none. */
    public String storedHeaderNames(UUID id) {
        NotificationChannel channel = get(id);
        return channel.getKind() == ChannelKind.WEBHOOK ? ChannelSecrets.openHeaders(channel).names() : "";
    }

    /** Pending and failed deliveries per channel id. */
    public Map<UUID, DeliveryCounts> deliveryCounts() {
        Map<UUID, long[]> counts = new HashMap<>();
        em.createQuery("SELECT e.channelId, e.state, COUNT(e) FROM OutboxEntry e WHERE e.state <> :delivered "
                        + "GROUP BY e.channelId, e.state", Object[].class)
                .setParameter("delivered", DeliveryState.DELIVERED)
                .getResultStream().forEach(row -> {
                    long[] pair = counts.computeIfAbsent((UUID) row[0], key -> new long[2]);
                    pair[row[1] == DeliveryState.PENDING ? 0 : 1] += (Long) row[2];
                });
        Map<UUID, DeliveryCounts> result = new HashMap<>();
        counts.forEach((channel, pair) -> result.put(channel, new DeliveryCounts(pair[0], pair[1])));
        return result;
    }

    /** The latest deliveries of every channel, newest first. */
    public List<OutboxEntry> recentDeliveries(int max) {
        return em.createQuery("SELECT e FROM OutboxEntry e ORDER BY e.createdAt DESC, e.id", OutboxEntry.class)
                .setMaxResults(max).getResultList();
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = list().stream().anyMatch(other -> other.getName().equalsIgnoreCase(name)
                && !other.getId().equals(self));
        if (taken) {
            throw new InvalidChannelException("Another notification channel is already named '" + name + "'.");
        }
    }

    private static String describe(NotificationChannel channel) {
        return channel.getKind().label() + " to " + channel.destination()
                + (channel.isEnabled() ? "" : ", disabled")
                + (channel.isGlobal() ? ", global" : "")
                + (channel.isDenyOnFailure() ? ", denies the request if delivery fails" : "");
    }
}
