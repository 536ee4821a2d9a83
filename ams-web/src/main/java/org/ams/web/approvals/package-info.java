/**
 * The Approvals page (Helpdesk or Administrator): requests for recovery passwords whose granting rule requires
 * approval, for the approvers the rules name to approve or reject. Decisions go through
 * {@link org.ams.access.Approvals}, which checks at that moment who may decide and audits each step.
 */
package org.ams.web.approvals;
