/**
 * The auditors' API ({@code /api/audit/v1}): verification of the audit log's hash chain. Requires a signed-in
 * session with the Auditor or Administrator role (URL constraint in {@code web.xml}, {@code @RolesAllowed} on the
 * service).
 */
package org.ams.web.api.audit;
