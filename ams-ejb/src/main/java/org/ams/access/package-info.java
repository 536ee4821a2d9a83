/**
 * Access requests: a helpdesk user asking for a computer's BitLocker recovery passwords or key metadata, with the
 * settings that shape every request (whether a reason is asked for, what a denied user is told, rate limits).
 * <p>
 * Depends on {@code devices}, {@code escrow}, {@code crypto}, {@code identity} and {@code audit}.
 */
package org.ams.access;
