/**
 * The agent API ({@code /api/agent/v1}): registration, check-in and key upload, in the wire format of
 * {@code org.ams.protocol.wire}. Every refusal is an {@code ApiError} with a stable code; nothing is stored by a
 * refused request.
 */
package org.ams.web.api.agent;
