/**
 * Backing beans of the "Access Manager Agent" pages of the administration console ({@code /admin/agent/}), one per
 * page or dialog. They turn what the administrator typed into calls of the domain services and the services'
 * typed exceptions into messages on the page; they hold no rules of their own and never touch the database.
 */
package org.ams.web.admin.agent;
