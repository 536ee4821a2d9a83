/**
 * The versioned REST API for scripts ({@code /api/v1}): computers and their key metadata, and recovery passwords on an
 * explicit, audited call; device administration and effective access for administrators; audit records for auditors;
 * the Dashboard's figures. Every call is authenticated
 * by an API token ({@code org.ams.web.security.AmsAuthentication}) and decided by the same services as the pages
 * ({@code org.ams.access.AccessRequests} for the helpdesk's, {@code org.ams.devices.DeviceDirectory} and
 * {@code org.ams.authz.AuthorizationDecisions} for the administrator's); the resources only check the token's scopes
 * ({@code TokenScopes}), call the service and map the answer. A call no service recorded is recorded by
 * {@code TokenUseRecord}. Every refusal is {@code {"code","message"}}.
 */
package org.ams.web.api.v1;
