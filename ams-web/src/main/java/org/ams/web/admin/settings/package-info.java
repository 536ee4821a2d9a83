/**
 * The backing beans of the Settings pages of the administration console ({@code /admin/settings/*}): identity sources
 * and local accounts, who holds which application role, notification channels and audit forwarding. Each calls its
 * component's services (identity, notify, audit.forward), which check the Administrator role themselves and record
 * every change in the audit trail.
 */
package org.ams.web.admin.settings;
