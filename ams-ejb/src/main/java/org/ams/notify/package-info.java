/**
 * Notifications about access requests: the channels an administrator configures (SMTP and webhooks, Settings /
 * Notification channels), the small template language their messages are written in, and delivery.
 * <ul>
 * <li>{@link org.ams.notify.NotificationChannel} with {@link org.ams.notify.SmtpSettings} or
 * {@link org.ams.notify.WebhookSettings}; credentials (the SMTP password, the webhook headers) are sealed with the
 * platform's master key and never shown again, logged or audited.</li>
 * <li>{@link org.ams.notify.MessageTemplate}: {@code {{variable}}} substitution only, each value escaped for where it
 * lands (HTML in an email body, a JSON string in a webhook body, one header line in a subject).</li>
 * <li>{@link org.ams.notify.Notifications}: the access-request layer's entry point. {@code enqueue} writes to the
 * persistent outbox in the caller's transaction; {@link org.ams.notify.OutboxWorker} delivers with retries and
 * back-off; {@code deliverNow} delivers synchronously for channels that deny the request when delivery fails.</li>
 * <li>The adapters that talk to the outside: {@link org.ams.notify.SmtpChannel} (Jakarta Mail) and
 * {@link org.ams.notify.WebhookChannel} ({@code java.net.http}).</li>
 * </ul>
 * Depends on {@code platform} (master key, database readiness) and {@code audit}. Knows nothing of authorization
 * rules: the caller says which channels a request fires. A recovery password is never a template variable.
 */
package org.ams.notify;
