/**
 * The helpdesk pages (role Helpdesk): finding a computer by name or by the recovery key ID its BitLocker recovery
 * screen shows, requesting access with a reason, and reading the recovery passwords out to a locked-out user.
 * <p>
 * Every read goes through {@link org.ams.access.AccessRequests}, which decides, audits and fails closed. Recovery
 * passwords live only in a request-scoped bean while the response to the request that asked for them is rendered:
 * never in the view state, the session, a URL or a browser cache.
 */
package org.ams.web.helpdesk;
