/**
 * One escrow cycle: check in, learn the policy and the active encryption certificate, read the volumes, replace the
 * recovery-password protectors the server asked to rotate ({@code KeyRotation}), seal each recovery password the
 * server does not hold yet, and upload; plus the retry rhythm of the service loop.
 */
package org.ams.agent.escrow;
