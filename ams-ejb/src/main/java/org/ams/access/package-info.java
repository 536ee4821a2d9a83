/**
 * Access requests: a helpdesk user asking for a computer's BitLocker recovery passwords or key metadata, with the
 * settings that shape every request (whether a reason is asked for, what a denied user is told, rate limits).
 * <p>
 * Every service here decides for its caller only, as the container authenticated them
 * ({@link org.ams.identity.signin.CallerIdentity}); none takes a user or groups as a parameter, and only the
 * Helpdesk role may ask for access. The computers a user may find by name ({@link org.ams.access.VisibleComputers}) and the recovery key
 * ID lookup are decided by the authorization rules too: nobody learns of a computer no rule lets them see. Rate limits
 * are counted from the audit log under a row lock per user and per client address
 * ({@link org.ams.access.RateLimitLocks}).
 * <p>
 * Two-person approval: when the granting rule requires approval, a request for recovery passwords becomes an
 * {@link org.ams.access.ApprovalRequest} that waits for the rule's approvers ({@link org.ams.access.Approvals}, which
 * Helpdesk users and administrators call to decide, as themselves); the passwords are shown only under an approval
 * that may be read now. Expiry is worked out whenever requests are read or decided.
 * <p>
 * Depends on {@code devices}, {@code escrow}, {@code crypto}, {@code identity}, {@code authz}, {@code notify} and
 * {@code audit}.
 */
package org.ams.access;
