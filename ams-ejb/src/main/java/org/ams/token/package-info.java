/**
 * API tokens: the bearer credentials scripts use for the versioned REST API ({@code /api/v1}). An administrator issues
 * one to a user with scopes, an expiry and a note ({@link org.ams.token.ApiTokens}); the secret is shown once and only
 * its SHA-256 is kept. A token speaks for its owner with the roles, groups and authorization rules the owner holds at
 * the time of each call, narrowed by its scopes: it never grants more than its owner may do.
 * <p>
 * A service account is a local account created for a script (Settings / Authentication), given roles and
 * authorization rules like any user; its token is issued to it. Depends on the identity component (who the owner is
 * and which roles they hold) and the audit trail.
 */
package org.ams.token;
