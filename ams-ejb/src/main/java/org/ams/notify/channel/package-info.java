/**
 * The channels notifications go through, and the adapters that talk to them.
 * <ul>
 * <li>{@link org.ams.notify.channel.NotificationChannel}, the entity, with its settings as
 * {@link org.ams.notify.channel.SmtpSettings} or {@link org.ams.notify.channel.WebhookSettings} values (validated
 * when made, templates included) and what an administrator enters as a
 * {@link org.ams.notify.channel.ChannelDefinition}.</li>
 * <li>Credentials (the SMTP password, the webhook headers) are sealed with the platform's master key by
 * {@link org.ams.notify.channel.ChannelSecrets}, the one class that opens them again, and are never shown, logged or
 * audited.</li>
 * <li>The port {@link org.ams.notify.channel.OutboundChannel} and its adapters
 * {@link org.ams.notify.channel.SmtpChannel} (Jakarta Mail) and {@link org.ams.notify.channel.WebhookChannel}
 * ({@code java.net.http}).</li>
 * </ul>
 * Uses {@link org.ams.notify.template} for subjects and bodies and {@code platform} for the master key; of its parent
 * package only the notification and the exception family. Knows nothing of the outbox: queueing and retrying are
 * {@link org.ams.notify.outbox}'s, configuring channels is {@link org.ams.notify.NotificationChannels}'.
 */
package org.ams.notify.channel;
