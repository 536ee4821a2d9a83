/**
 * Forwarding the audit log to a syslog receiver (RFC 5424), usually a SIEM: Settings / Audit forwarding.
 * <ul>
 * <li>{@link org.ams.audit.forward.SyslogMessage}: one audit record as a syslog message, its fields in a structured
 * data element.</li>
 * <li>{@link org.ams.audit.forward.SyslogSender} and the adapters beside it: UDP (RFC 5426), TCP (RFC 6587
 * octet counting) and TLS (RFC 5425).</li>
 * <li>{@link org.ams.audit.forward.AuditForwarder}: sends what is committed, in sequence order, at least once; a cursor
 * in the database ({@link org.ams.audit.forward.ForwardingCursor}) says how far it came, so a restart or an
 * unreachable receiver loses nothing. It runs after and apart from the audited transactions, which never wait for
 * it.</li>
 * <li>{@link org.ams.audit.forward.AuditForwarding}: the administrator's settings, status and test message.</li>
 * </ul>
 * Depends on {@code audit} (whose records it reads and whose trail records every settings change) and
 * {@code platform}. Audit records hold no secret, so neither do the messages.
 */
package org.ams.audit.forward;
