package org.ams.audit;

/**
 * Fired for every record appended; observed after the commit (a rolled-back record never existed), so that
 * forwarding can send it at once rather than at its next tick, and the metrics can count what was recorded.
 *
 * @param action     the record's action, e.g. {@code access.requested}
 * @param resultCode the result code of an access request, {@code null} for other records
 */
public record AuditRecorded(long sequence, String action, String resultCode) {
}
