/**
 * Talking to the AMS server: HTTPS trusted through a pinned certificate fingerprint or a trust store (self-signed and
 * internal-CA servers are the norm), and the agent API's JSON calls.
 */
package org.ams.agent.transport;
