package org.ams.identity.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LdapFiltersTest {

    @Test
    @DisplayName("Filter metacharacters in a user name are escaped (RFC 4515), not interpreted")
    void userNameIsEscaped() {
        assertEquals("(&(&(objectClass=person)(!(objectClass=computer)))(sAMAccountName=\\2a\\29\\28uid=\\2a))",
                LdapFilters.user("sAMAccountName", "*)(uid=*").toString());
        assertEquals("(&(&(objectClass=person)(!(objectClass=computer)))(uid=a\\5cb\\00))",
                LdapFilters.user("uid", "a\\b\u0000").toString());
    }

    @Test
    void searchTextIsALiteralSubstring() {
        assertEquals("(&(&(objectClass=person)(!(objectClass=computer)))(|(uid=*\\2a\\29*)(cn=*\\2a\\29*)"
                        + "(displayName=*\\2a\\29*)))",
                LdapFilters.usersNamed("uid", "*)").toString());
    }

    @Test
    @DisplayName("Active Directory's in-chain rule carries the user's DN as an escaped assertion value")
    void inChainFilter() {
        assertEquals("(&(|(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))"
                        + "(member:1.2.840.113556.1.4.1941:=CN=Helen \\28IT\\29,OU=Users,DC=corp,DC=example))",
                LdapFilters.groupsInChain("CN=Helen (IT),OU=Users,DC=corp,DC=example").toString());
    }
}
