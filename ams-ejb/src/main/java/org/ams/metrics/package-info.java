/**
 * Operational metrics, served in the Prometheus text format at {@code /metrics} (README, Monitoring).
 * <ul>
 * <li>{@link org.ams.metrics.AmsMetrics}: the application's one Micrometer registry. Events are counted where they
 * happen, with a counter increment and nothing else: agent check-ins and key uploads (by the agent API's filter in
 * the web module), access requests (from the audit record each one leaves, once it is committed).</li>
 * <li>{@link org.ams.metrics.OperationalFigures}: what the database knows (devices and escrowed keys by state, the
 * outbox, rotations, escrow verification, audit forwarding), each figure one aggregate query, read at most every
 * {@value org.ams.metrics.AmsMetrics#FIGURES_TTL_SECONDS} seconds whatever the scrape rate.</li>
 * <li>This server's database connection pool: the physical connections it holds, as
 * {@link org.ams.platform.AmsDataSource} counts them below the pool, and its maximum.</li>
 * </ul>
 * Reads the entities of {@code devices}, {@code escrow}, {@code crypto}, {@code notify.outbox} and {@code audit}
 * (and {@code audit.forward}) and changes nothing. Never a secret, a user or a computer name in a label: labels are
 * drawn from fixed sets (states, result codes, API error codes).
 */
package org.ams.metrics;
