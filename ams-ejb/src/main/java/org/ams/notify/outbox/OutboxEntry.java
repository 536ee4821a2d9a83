package org.ams.notify.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.ams.notify.AccessNotification;
import org.ams.notify.channel.ChannelDefinition;
import org.ams.notify.channel.NotificationChannel;

/**
 * One notification for one channel, waiting in the outbox or done. Rows are written in the access request's own
 * transaction, so a request that was answered has its notifications on disk whatever happens to the server next.
 */
@Entity
@Table(name = "notification_outbox")
public class OutboxEntry {

    public static final int MAX_ERROR_LENGTH = 1000;

    @Id
    private UUID id;

    @Column(name = "channel_id", nullable = false)
    private UUID channelId;

    @Column(name = "channel_name", nullable = false, length = ChannelDefinition.MAX_NAME_LENGTH)
    private String channelName;

    @Column(name = "request_id", length = 128)
    private String requestId;

    @Column(nullable = false, length = 30000)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeliveryState state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;

    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;

    /** A String, not a UUID: EclipseLink cannot read a NULL into a UUID attribute. */
    @Column(name = "claim_token", length = 36)
    private String claimToken;

    /** The server process holding the claim ({@link org.ams.platform.ServerInstance#process()}). */
    @Column(name = "claimed_by", length = 80)
    private String claimedBy;

    @Column(name = "last_attempt_at")
    private OffsetDateTime lastAttemptAt;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "last_outcome", length = MAX_ERROR_LENGTH)
    private String lastOutcome;

    @Version
    private long version;

    protected OutboxEntry() {
    }

    OutboxEntry(NotificationChannel channel, AccessNotification notification, Instant now) {
        this.id = UUID.randomUUID();
        this.channelId = channel.getId();
        this.channelName = channel.getName();
        this.requestId = notification.requestId().length() > 128 ? notification.requestId().substring(0, 128)
                : notification.requestId();
        this.payload = notification.toJson();
        this.state = DeliveryState.PENDING;
        this.createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        this.nextAttemptAt = createdAt;
    }

    /** A synchronous delivery (fail-closed channel or test), recorded for the page with its outcome. */
    static OutboxEntry attempted(NotificationChannel channel, AccessNotification notification, Instant now,
                                 String outcome, String error) {
        OutboxEntry entry = new OutboxEntry(channel, notification, now);
        entry.attempts = 1;
        entry.lastAttemptAt = entry.createdAt;
        if (error == null) {
            entry.state = DeliveryState.DELIVERED;
            entry.lastOutcome = limited(outcome);
        } else {
            entry.state = DeliveryState.FAILED;
            entry.lastError = limited(error);
        }
        return entry;
    }

    AccessNotification notification() {
        return AccessNotification.fromJson(payload);
    }

    boolean claimedBy(String token) {
        return token.equals(claimToken) && state == DeliveryState.PENDING;
    }

    void delivered(Instant now, String outcome) {
        attempts++;
        state = DeliveryState.DELIVERED;
        lastAttemptAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        lastOutcome = limited(outcome);
        release();
    }

    void failed(Instant now, String error) {
        attempts++;
        lastAttemptAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        lastError = limited(error);
        RetrySchedule.nextAttempt(attempts, createdAt.toInstant(), now).ifPresentOrElse(
                next -> nextAttemptAt = OffsetDateTime.ofInstant(next, ZoneOffset.UTC),
                () -> state = DeliveryState.FAILED);
        release();
    }

    /** Given up at once, without counting an attempt (the channel was disabled or deleted meanwhile). */
    void abandoned(Instant now, String reason) {
        state = DeliveryState.FAILED;
        lastAttemptAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        lastError = limited(reason);
        release();
    }

    private void release() {
        claimedUntil = null;
        claimToken = null;
        claimedBy = null;
    }

    private static String limited(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 3) + "..." : text;
    }

    public UUID getId() {
        return id;
    }

    public UUID getChannelId() {
        return channelId;
    }

    public String getChannelName() {
        return channelName;
    }

    public String getRequestId() {
        return requestId;
    }

    public DeliveryState getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** When the next attempt is due; meaningful while {@link DeliveryState#PENDING}. */
    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public OffsetDateTime getLastAttemptAt() {
        return lastAttemptAt;
    }

    /** Why the last attempt failed, in words safe to show (never a credential). */
    public String getLastError() {
        return lastError;
    }

    /** What the receiver said when it accepted the message. */
    public String getLastOutcome() {
        return lastOutcome;
    }
}
