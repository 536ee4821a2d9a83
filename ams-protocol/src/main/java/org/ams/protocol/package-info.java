/**
 * What the agent and the server must agree on, with no application-server dependency: the BitLocker
 * {@link org.ams.protocol.RecoveryPassword recovery password} and {@link org.ams.protocol.ProtectorId key protector id}
 * value objects, the {@linkplain org.ams.protocol.envelope CMS envelope} a secret travels and rests in, and the
 * {@linkplain org.ams.protocol.certificate encryption certificate} helpers.
 *
 * <p>Depends on BouncyCastle only. Both {@code ams-agent} and {@code ams-ejb} may depend on this module; it must never
 * depend on either of them, nor on Jakarta EE, because the agent runs as a plain Windows service.
 */
package org.ams.protocol;
