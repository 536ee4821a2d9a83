/**
 * The audit trail: an append-only record of who did what to which object. Every component records its
 * administrative changes here, in the same transaction as the change itself, so a change without its record cannot
 * exist. Depends on nothing but the platform; the authorization and reporting components read it.
 * <p>
 * Recovery passwords and other secrets never appear in a record.
 */
package org.ams.audit;
