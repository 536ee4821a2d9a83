package org.ams.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.AuthenticatedUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleApprovalTest {

    private static final PrincipalRef OFFICERS = PrincipalRef.group("local", "id-1", "Security officers");
    private static final PrincipalRef DANA = PrincipalRef.user("local", "id-2", "dana");

    private static String refusal(Runnable construction) {
        AuthorizationRuleException refused = assertThrows(AuthorizationRuleException.class, construction::run);
        assertEquals(AuthorizationRuleException.Reason.INVALID_APPROVAL, refused.reason());
        return refused.getMessage();
    }

    @Test
    void approversNumberAndWindowAreChecked() {
        assertEquals("Choose the user or group whose members approve requests under this rule.",
                refusal(() -> new RuleApproval(null, 1, 60, true)));
        assertEquals("A request needs between 1 and 10 approvals; 0 is not.",
                refusal(() -> new RuleApproval(OFFICERS, 0, 60, true)));
        assertEquals("A request needs between 1 and 10 approvals; 11 is not.",
                refusal(() -> new RuleApproval(OFFICERS, 11, 60, true)));
        assertEquals("An approved request may be read for between 1 and 10080 minutes (a week); 0 is not.",
                refusal(() -> new RuleApproval(OFFICERS, 2, 0, false)));
        assertEquals("A single user gives one approval; choose a group whose members approve, or require one "
                + "approval.", refusal(() -> new RuleApproval(DANA, 2, 60, true)));
        assertEquals(1, new RuleApproval(DANA, 1, 60, true).required());
    }

    @Test
    void describedForPagesAndAuditRecords() {
        assertEquals("2 approvals by group Security officers (local), readable for 30 minute(s), unlimited reads",
                new RuleApproval(OFFICERS, 2, 30, false).describe());
    }

    @Test
    @DisplayName("Approvers match as ACL entries do: a user, a local or directory group, any source, by stable id")
    void approversMatchedLikeAclEntries() {
        PrincipalRef domainAdmins = PrincipalRef.group("ldap:corp", "S-1-5-21-1-512", "Domain Admins");
        PrincipalRef ssoGroup = PrincipalRef.group("oidc:sso", "7f2c-officers", "Officers");
        PrincipalRef erin = PrincipalRef.user("ldap:corp", "S-1-5-21-1-1105", "erin");
        AuthenticatedUser ldapUser = new AuthenticatedUser(erin, Set.of(domainAdmins, ssoGroup), Set.of());
        AuthenticatedUser localUser = new AuthenticatedUser(DANA, Set.of(OFFICERS), Set.of());

        assertTrue(new RuleApproval(OFFICERS, 2, 60, true).approvedBy(localUser), "a local group of the user");
        assertTrue(new RuleApproval(DANA, 1, 60, true).approvedBy(localUser), "the approving user");
        assertTrue(new RuleApproval(domainAdmins, 1, 60, true).approvedBy(ldapUser), "a directory group");
        assertTrue(new RuleApproval(ssoGroup, 1, 60, true).approvedBy(ldapUser), "a group of any identity source");
        assertTrue(new RuleApproval(erin, 1, 60, true).approvedBy(ldapUser), "a directory user");

        assertFalse(new RuleApproval(OFFICERS, 1, 60, true).approvedBy(ldapUser), "not a member");
        assertFalse(new RuleApproval(DANA, 1, 60, true).approvedBy(ldapUser), "another user");
        assertFalse(new RuleApproval(PrincipalRef.group("ldap:corp", "S-1-5-21-1-999", "Domain Admins"), 1, 60, true)
                .approvedBy(ldapUser), "the same name with another stable id is another group");
        assertFalse(new RuleApproval(PrincipalRef.group("ldap:lab", "S-1-5-21-1-512", "Domain Admins"), 1, 60, true)
                .approvedBy(ldapUser), "the same id in another source is another group");
        assertFalse(new RuleApproval(PrincipalRef.user("local", erin.id(), "erin"), 1, 60, true)
                .approvedBy(ldapUser), "a user is not a group of the same id, nor of another source");
    }
}
