/**
 * Where BitLocker recovery passwords are kept: one {@link org.ams.escrow.RecoveryKey} per device, volume and
 * recovery-password protector, pointing at the sealed secret in the vault. History is kept: a protector that
 * disappears or changes becomes superseded and is never overwritten.
 * <p>
 * Each check-in confirms the current keys whose protectors the device still has; the
 * {@link org.ams.escrow.EscrowVerification} opens every sealed secret on a schedule and after each certificate
 * rotation, so that a key the server could no longer open is found before anyone needs it.
 * <p>
 * Depends on {@code devices} and {@code crypto}; the agent API and the helpdesk pages build on it.
 */
package org.ams.escrow;
