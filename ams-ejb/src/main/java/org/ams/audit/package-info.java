/**
 * The audit trail: an append-only record of who did what to which object. Every component records its
 * administrative changes here, in the same transaction as the change itself, so a change without its record cannot
 * exist. Depends on nothing but the platform (and the role names of {@code security}); the authorization and reporting
 * components read it.
 * <p>
 * The records form a hash chain ({@link org.ams.audit.AuditDigest}): appends are serialized by a lock on the chain's
 * head ({@link org.ams.audit.AuditChain}), {@link org.ams.audit.AuditVerification} finds the first edited, deleted or
 * inserted record, and {@link org.ams.audit.AuditLog} serves auditors' searches and exports.
 * <p>
 * Recovery passwords and other secrets never appear in a record.
 */
package org.ams.audit;
