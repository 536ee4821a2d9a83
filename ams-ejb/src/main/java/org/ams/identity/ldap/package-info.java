/**
 * Directories people sign in with: LDAP or Active Directory over LDAPS or StartTLS, with nested groups and disabled
 * accounts ({@link org.ams.identity.ldap.LdapIdentitySource}, the adapter, with the filters, id formats and group walk
 * it uses), configured as {@link org.ams.identity.ldap.DirectorySource} rows with their
 * {@link org.ams.identity.ldap.LdapSettings} and the bind password sealed by the platform's master key.
 * {@link org.ams.identity.ldap.DirectorySourceService} configures them (Settings / Authentication) and hands the
 * sign-in every identity source in the order they are tried: the local accounts first, then each enabled directory.
 * <p>
 * Depends on the parent package, on {@link org.ams.identity.local} (the local source comes first; a directory name
 * or password is bounded like a local one), {@code platform} and {@code audit}.
 */
package org.ams.identity.ldap;
