package org.ams.dashboard;

import java.time.OffsetDateTime;

/**
 * A denied access request, recovery key ID lookup or search by computer name, as the audit log recorded it.
 *
 * @param sequence    the audit record's sequence number: the request's reference in the audit log
 * @param time        when it was denied (UTC)
 * @param user        who asked
 * @param computer    the computer asked for; for a key ID lookup the key ID typed, as {@code key ID 1B4C0E26}
 * @param resultCode  why it was denied, e.g. {@code EXPLICITLY_DENIED}
 */
public record DeniedRequest(long sequence, OffsetDateTime time, String user, String computer, String resultCode) {
}
