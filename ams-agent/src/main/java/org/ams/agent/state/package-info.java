/**
 * What the agent remembers between runs: the server, how to trust it, the device id and the last check-in. Never a
 * recovery password: the agent keeps nothing secret on disk but its own device key.
 */
package org.ams.agent.state;
