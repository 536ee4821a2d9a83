/**
 * Single sign-on with OpenID Connect: one provider (Keycloak, Microsoft Entra ID, any compliant one) configured under
 * Settings / Authentication ({@link org.ams.identity.oidc.OidcProviderService}, its client secret sealed by the
 * platform's master key), the authorization code flow with PKCE, state and nonce ({@link org.ams.identity.oidc.OidcSignIn},
 * on the Nimbus OAuth 2.0 / OpenID Connect SDK, which validates the ID token), the token's claims mapped to a user and
 * groups ({@link org.ams.identity.oidc.OidcClaims}) and the groups an administrator named offered to the principal
 * pickers as an identity source ({@link org.ams.identity.oidc.OidcIdentitySource}).
 * <p>
 * Depends on the parent package, {@code identity.signin} (roles), {@code platform} and {@code audit}.
 */
package org.ams.identity.oidc;
