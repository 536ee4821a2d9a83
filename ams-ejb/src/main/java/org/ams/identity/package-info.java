/**
 * Who someone is inside AMS, and which application roles they hold: the words every identity source and every
 * other component share. The sources and the sign-in are in three sub-packages:
 * {@link org.ams.identity.local} (AMS's own accounts and groups), {@link org.ams.identity.ldap} (directories) and
 * {@link org.ams.identity.signin} (signing in, role mapping, the signed-in caller).
 * <ul>
 * <li>Principals ({@link org.ams.identity.PrincipalRef}): users and groups referred to by their source and stable id
 * (objectGUID, objectSid, entryUUID, a local account's or local group's id), never by name;
 * {@link org.ams.identity.PrincipalCheck} says whether they still exist.</li>
 * <li>The port {@link org.ams.identity.IdentitySource}, which each kind of source implements, and what it answers a
 * password with ({@link org.ams.identity.SourceAuthentication}).</li>
 * <li>The application roles ({@link org.ams.identity.Role}) and who holds them ({@link org.ams.identity.RoleGrant}).
 * The grant entity lives here, not in {@code signin} with the service that grants and revokes, because removing a
 * local group or a directory removes its grants with it: so {@code local} and {@code ldap} need it too.</li>
 * <li>The exception family ({@link org.ams.identity.IdentityException}).</li>
 * </ul>
 * The sub-packages are layered, without cycles: {@code local} uses this package only, {@code ldap} also {@code local}
 * (the order of the sources starts with the local accounts), {@code signin} all of them. This package depends on none
 * of them, nor on any other component but {@code security}'s role names.
 */
package org.ams.identity;
