/**
 * The persistent queue of notifications and their delivery.
 * <ul>
 * <li>{@link org.ams.notify.outbox.OutboxEntry}: one notification for one channel, written in the caller's
 * transaction, with its {@link org.ams.notify.outbox.DeliveryState}.</li>
 * <li>{@link org.ams.notify.outbox.Outbox}: the steps of a delivery (claim with a lease, prepare, record), each its
 * own short transaction, so no row lock is held while a mail server or webhook receiver takes its time.</li>
 * <li>{@link org.ams.notify.outbox.OutboxWorker}: delivers what is due, every few seconds and right after a commit
 * that fired {@link org.ams.notify.outbox.OutboxFilled}, with back-off by
 * {@link org.ams.notify.outbox.RetrySchedule}.</li>
 * </ul>
 * Uses {@link org.ams.notify.channel} (the channel rows and their adapters) and {@code platform} (database readiness,
 * the master key's exception); of its parent package only the notification and the exception family. Queued by
 * {@link org.ams.notify.Notifications} and {@link org.ams.notify.SystemAlerts}.
 */
package org.ams.notify.outbox;
