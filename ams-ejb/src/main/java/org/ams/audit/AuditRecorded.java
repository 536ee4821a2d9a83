package org.ams.audit;

/**
 * Fired for every record appended; observed after the commit (a rolled-back record never existed), so that
 * forwarding can send it at once rather than at its next tick.
 */
public record AuditRecorded(long sequence) {
}
