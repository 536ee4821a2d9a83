package org.ams.identity.ldap;

import com.unboundid.ldap.sdk.Filter;

/**
 * The LDAP filters AMS sends. Every value a person typed goes in as an assertion value that the SDK encodes
 * (RFC 4515 escaping of {@code * ( ) \ NUL}), never by string concatenation, so a user name such as
 * {@code *)(uid=*} is looked up literally instead of widening the search.
 */
final class LdapFilters {

    /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: matches through any depth of nested groups. */
    static final String IN_CHAIN_RULE = "1.2.840.113556.1.4.1941";

    private LdapFilters() {
    }

    /** People, but not AD computer accounts (which are also of class user/person). */
    private static Filter person() {
        return Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "person"),
                Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")));
    }

    static Filter group() {
        return Filter.createORFilter(Filter.createEqualityFilter("objectClass", "group"),
                Filter.createEqualityFilter("objectClass", "groupOfNames"),
                Filter.createEqualityFilter("objectClass", "groupOfUniqueNames"));
    }

    /** Groups, or people. */
    static Filter ofKind(boolean group) {
        return group ? group() : person();
    }

    /** The user whose sign-in attribute is exactly {@code username}. */
    static Filter user(String userAttribute, String username) {
        return Filter.createANDFilter(person(), Filter.createEqualityFilter(userAttribute, username));
    }

    /** The groups that list {@code memberDn} directly, as member (groupOfNames, AD) or uniqueMember. */
    static Filter groupsWithMember(String memberDn) {
        return Filter.createANDFilter(group(), Filter.createORFilter(
                Filter.createEqualityFilter("member", memberDn),
                Filter.createEqualityFilter("uniqueMember", memberDn)));
    }

    /** Every group {@code userDn} belongs to through any chain of nested groups (Active Directory only). */
    static Filter groupsInChain(String userDn) {
        return Filter.createANDFilter(group(),
                Filter.createExtensibleMatchFilter("member", IN_CHAIN_RULE, false, userDn));
    }

    /** Users whose sign-in name, common name or display name contains {@code text}. */
    static Filter usersNamed(String userAttribute, String text) {
        return Filter.createANDFilter(person(), Filter.createORFilter(
                contains(userAttribute, text), contains("cn", text), contains("displayName", text)));
    }

    /** Groups whose common name (or AD account name) contains {@code text}. */
    static Filter groupsNamed(String text) {
        return Filter.createANDFilter(group(), Filter.createORFilter(
                contains("cn", text), contains("sAMAccountName", text)));
    }

    private static Filter contains(String attribute, String text) {
        return Filter.createSubstringFilter(attribute, null, new String[] {text}, null);
    }
}
