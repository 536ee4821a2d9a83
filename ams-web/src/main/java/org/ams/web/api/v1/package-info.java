/**
 * The versioned REST API for scripts ({@code /api/v1}): computers and their key metadata, and recovery passwords on an
 * explicit, audited call. Every call is authenticated by an API token ({@code org.ams.web.security.AmsAuthentication})
 * and decided by the same services as the helpdesk page ({@code org.ams.access.AccessRequests}); the resources only
 * check the token's scopes, call one service and map the answer. Every refusal is {@code {"code","message"}}.
 */
package org.ams.web.api.v1;
