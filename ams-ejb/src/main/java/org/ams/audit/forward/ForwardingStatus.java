package org.ams.audit.forward;

import java.time.OffsetDateTime;

/**
 * What the settings page shows about forwarding.
 *
 * @param enabled       whether records are forwarded
 * @param lastForwarded the sequence number of the last record the receiver took
 * @param backlog       records committed but not yet forwarded (0 while forwarding is off)
 * @param lastSuccessAt when a send last succeeded, or {@code null}
 * @param lastError     why the last send failed, or {@code null}; never content of a record
 * @param lastErrorAt   when, or {@code null}
 * @param failures      failures in a row since the last success
 * @param nextAttemptAt when the next attempt is due after failures, or {@code null}
 */
public record ForwardingStatus(boolean enabled, long lastForwarded, long backlog, OffsetDateTime lastSuccessAt,
                               String lastError, OffsetDateTime lastErrorAt, int failures,
                               OffsetDateTime nextAttemptAt) {

    /** Whether the last attempt failed (an error newer than the last success). */
    public boolean failing() {
        return failures > 0;
    }
}
