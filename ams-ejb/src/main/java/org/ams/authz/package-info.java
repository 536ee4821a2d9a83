/**
 * Authorization rules: who may read what about which computers. A rule targets a tenant, a directory, a device group
 * or one computer and carries an ACL of Allow and Deny entries for users and groups of any identity source.
 * <ul>
 * <li>{@link org.ams.authz.AuthorizationRules}: the administrator's use cases (create, update, enable, disable,
 * delete, list), validated, optimistically locked and recorded in the audit trail.</li>
 * <li>{@link org.ams.authz.AuthorizationDecisions}: the decision for one user, one computer and one permission, with
 * the rule that granted it and an explanation of every rule considered. It evaluates an immutable in-memory
 * {@link org.ams.authz.RuleSnapshot}, rebuilt when the rules' generation counter in the database moves.</li>
 * </ul>
 * Depends on {@code devices} (targets and where a computer sits), {@code identity} (principals) and {@code audit}.
 * The access-request layer builds on it; pages use it through these two services only.
 */
package org.ams.authz;
