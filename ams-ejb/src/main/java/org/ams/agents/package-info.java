/**
 * The server's side of the agent: whether agent support is on, registration keys, registering a device, and proving
 * on every later request that it comes from the registered device (signed, short-lived, single-use assertions).
 * <p>
 * Depends on {@code devices}, {@code crypto} (the certificate agents encrypt to), {@code escrow} and {@code audit}.
 */
package org.ams.agents;
