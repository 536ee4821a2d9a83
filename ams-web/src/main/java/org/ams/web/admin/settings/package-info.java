/**
 * The backing beans of the Settings pages of the administration console ({@code /admin/settings/*}): identity sources
 * and local accounts, and who holds which application role. Each calls the identity component's services, which
 * check the Administrator role themselves and record every change in the audit trail.
 */
package org.ams.web.admin.settings;
