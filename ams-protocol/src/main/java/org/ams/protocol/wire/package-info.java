/**
 * The agent API's wire format: the JSON documents the agent and the server exchange under {@value AgentApi#BASE_PATH},
 * as plain records that any JSON binding (Jackson on the agent, JSON-B on the server) maps by component name.
 * Changing a record here changes the protocol for every deployed agent: add fields, never rename or remove them.
 */
package org.ams.protocol.wire;
