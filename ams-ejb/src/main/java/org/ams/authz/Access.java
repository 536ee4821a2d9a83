package org.ams.authz;

/** Whether an ACL entry grants or refuses its permissions. A matching Deny in any applicable rule wins. */
public enum Access {
    ALLOW,
    DENY
}
