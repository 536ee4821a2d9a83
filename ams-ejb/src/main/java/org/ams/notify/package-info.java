/**
 * Notifications about access requests and about AMS itself: the entry points the rest of AMS calls, and the words
 * they are called with. The work is done in three sub-packages:
 * {@link org.ams.notify.template} (the small template language messages are written in),
 * {@link org.ams.notify.channel} (the channels an administrator configures, SMTP and webhooks, and the adapters that
 * send through them) and {@link org.ams.notify.outbox} (the persistent queue and its delivery with retries).
 * <ul>
 * <li>{@link org.ams.notify.Notifications}: the access-request layer's entry point. {@code enqueue} writes to the
 * persistent outbox in the caller's transaction; {@code deliverNow} delivers synchronously for channels that deny the
 * request when delivery fails, and throws {@link org.ams.notify.DeliveryFailedException} when one does.</li>
 * <li>{@link org.ams.notify.SystemAlerts}: AMS's own alerts ({@link org.ams.notify.SystemAlert}), always queued.</li>
 * <li>{@link org.ams.notify.NotificationChannels}: Settings / Notification channels. It lives here rather than in
 * {@code channel} because it also reads and writes the outbox (a channel's queue, its test sends).</li>
 * <li>{@link org.ams.notify.AccessNotification}: what a notification tells, the values of the template variables.</li>
 * <li>The exception family: {@link org.ams.notify.NotificationException} and
 * {@link org.ams.notify.InvalidChannelException}, which {@code template}'s {@code InvalidTemplateException}
 * extends.</li>
 * </ul>
 * The sub-packages are layered: {@code template} knows neither of the others, {@code channel} uses {@code template},
 * {@code outbox} uses {@code channel}; each uses this package only for its words (the notification, the system alert
 * kinds, the exceptions), never its services. Other components use this package only.
 * <p>
 * Depends on {@code platform} (master key, database readiness) and {@code audit}. Knows nothing of authorization
 * rules: the caller says which channels a request fires. A recovery password is never a template variable.
 */
package org.ams.notify;
