/**
 * One escrow cycle: check in, learn the policy and the active encryption certificate, read the volumes, seal each
 * recovery password the server does not hold yet, and upload; plus the retry rhythm of the service loop.
 */
package org.ams.agent.escrow;
