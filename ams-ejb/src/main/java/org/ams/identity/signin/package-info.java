/**
 * Signing in, and who the signed-in caller is.
 * <ul>
 * <li>{@link org.ams.identity.signin.SignInService}: asks the identity sources in order, maps roles through the
 * user's and their groups' grants ({@link org.ams.identity.signin.RoleService}, which also grants and revokes roles
 * on Settings / Roles and searches principals for the pickers), and throttles failed attempts
 * ({@link org.ams.identity.signin.SignInThrottle}). The web layer's identity store asks it.</li>
 * <li>The signed-in caller: {@link org.ams.identity.signin.AuthenticatedUser} (the user, their groups and roles);
 * {@link org.ams.identity.signin.SignedInPrincipal}, the caller principal the sign-in hands the container;
 * {@link org.ams.identity.signin.CallerIdentity}, which reads it back for services that decide by the caller's
 * identity, or throws {@link org.ams.identity.signin.NotSignedInException}.</li>
 * </ul>
 * Depends on the parent package and both sources ({@link org.ams.identity.local}, {@link org.ams.identity.ldap}),
 * {@code platform} and {@code audit}. Authorization rules match the principals it returns.
 */
package org.ams.identity.signin;
