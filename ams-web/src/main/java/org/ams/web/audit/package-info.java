/**
 * Backing beans of the auditors' pages ({@code /audit/}): the audit log with its filters, exports and integrity
 * verification. They call the audit component's services ({@code org.ams.audit}) and never touch the database.
 */
package org.ams.web.audit;
