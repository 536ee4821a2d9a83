/**
 * Who someone is inside AMS, and which application roles they hold.
 * <ul>
 * <li>Identity sources ({@link org.ams.identity.IdentitySource}): AMS's local accounts (slow, salted password hashes)
 * with their local groups ({@link org.ams.identity.LocalGroup}), and directories ({@link org.ams.identity.LdapIdentitySource}: LDAP or Active Directory over LDAPS or StartTLS,
 * nested groups, disabled accounts), configured as {@link org.ams.identity.DirectorySource} rows with the bind
 * password sealed by the platform's master key.</li>
 * <li>Principals ({@link org.ams.identity.PrincipalRef}): users and groups referred to by their source and stable id
 * (objectGUID, objectSid, entryUUID, a local account's or local group's id), never by name.</li>
 * <li>Sign-in ({@link org.ams.identity.SignInService}): the sources in order, role mapping through the user's and
 * their groups' {@link org.ams.identity.RoleGrant}s, and throttling of failed attempts.</li>
 * <li>The signed-in caller ({@link org.ams.identity.SignedInPrincipal}, the caller principal the sign-in hands the
 * container, with the user's groups; {@link org.ams.identity.CallerIdentity} reads it back for services that decide by
 * the caller's identity).</li>
 * <li>The first-start administrator account.</li>
 * </ul>
 * Depends on {@code platform} and {@code audit} (every administrative change is recorded). The web layer's identity
 * store asks {@link org.ams.identity.SignInService}; authorization rules will match the principals it returns.
 */
package org.ams.identity;
