/**
 * What the agent remembers between runs: the server, how to trust it, the device id and the last check-in
 * ({@code agent-state.json}), and its key rotations under way with the results it has still to report
 * ({@code rotations.json}). Never a recovery password: the agent keeps nothing secret on disk but its own device key,
 * and a rotation's new password only as an envelope sealed to the server's certificate.
 */
package org.ams.agent.state;
