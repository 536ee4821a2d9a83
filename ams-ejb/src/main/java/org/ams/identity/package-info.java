/**
 * Who someone is inside AMS: local accounts with their slow, salted password hashes, the application roles
 * (Administrator, Helpdesk, Auditor) and the grants of those roles, and the first-start administrator account.
 * <p>
 * Depends on {@code platform} only. The web layer's identity store asks this component to authenticate a user name and
 * password; directory sources (LDAP / Active Directory) will sit beside the local accounts here.
 */
package org.ams.identity;
