package org.ams.identity.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Opens connections to a directory signed in with AMS's bind account, for readers other than sign-in (the BitLocker
 * key import). The bind password stays inside; problems come back in plain words.
 */
public interface DirectoryConnector {

    /** A connection signed in with the bind account; the caller closes it. */
    LDAPConnection openSignedIn() throws LDAPException;

    /** What went wrong with the directory, in plain words that hold no secret. */
    String describe(LDAPException e);

    /** The settings the connector connects with (no password among them). */
    LdapSettings settings();
}
