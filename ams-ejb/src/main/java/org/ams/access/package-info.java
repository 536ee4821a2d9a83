/**
 * Access requests: a helpdesk user asking for a computer's BitLocker recovery passwords or key metadata, with the
 * settings that shape every request (whether a reason is asked for, what a denied user is told, rate limits).
 * <p>
 * The computers a user may find by name ({@link org.ams.access.VisibleComputers}) and the recovery key ID lookup
 * are decided by the authorization rules too: nobody learns of a computer no rule lets them see.
 * <p>
 * Depends on {@code devices}, {@code escrow}, {@code crypto}, {@code identity}, {@code authz} and {@code audit}.
 */
package org.ams.access;
