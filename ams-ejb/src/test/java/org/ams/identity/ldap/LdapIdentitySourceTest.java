package org.ams.identity.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.stream.Collectors;
import org.ams.identity.IdentitySourceUnavailableException;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.SourceAuthentication;
import org.ams.identity.testing.TestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sign-in and search against a real LDAP server speaking StartTLS, with an Active Directory-like tree. */
class LdapIdentitySourceTest {

    private static TestDirectory directory;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = TestDirectory.start();
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @Test
    @DisplayName("A user signs in by account name and gets every group up the nested chain, each once, despite a cycle")
    void nestedGroupsThreeLevelsDeep() throws Exception {
        SourceAuthentication result = source().authenticate("helen", "Helen-Password-2024".toCharArray());

        assertEquals(SourceAuthentication.Outcome.AUTHENTICATED, result.outcome(), result.problem());
        assertEquals("helen", result.user().name());
        assertEquals(directory.entryUuid("cn=Helen Help,ou=Users,dc=corp,dc=example"), result.user().id());
        assertEquals(Set.of("Night Shift", "Tier 2", "Helpdesk Staff", "Loop A", "Loop B"), names(result));
        assertTrue(result.groups().stream().allMatch(group -> group.kind() == PrincipalKind.GROUP));
        assertEquals(directory.entryUuid("cn=Helpdesk Staff,ou=Groups,dc=corp,dc=example"),
                result.groups().stream().filter(g -> g.name().equals("Helpdesk Staff")).findFirst().get().id());
    }

    @Test
    void userNameIsCaseInsensitiveAsInActiveDirectory() {
        assertEquals(SourceAuthentication.Outcome.AUTHENTICATED,
                source().authenticate("HELEN", "Helen-Password-2024".toCharArray()).outcome());
    }

    @Test
    void wrongPasswordIsRejected() {
        assertEquals(SourceAuthentication.Outcome.REJECTED,
                source().authenticate("helen", "not-her-password".toCharArray()).outcome());
    }

    @Test
    @DisplayName("An empty password never turns into an unauthenticated bind")
    void emptyPasswordIsRejected() {
        assertEquals(SourceAuthentication.Outcome.REJECTED,
                source().authenticate("helen", new char[0]).outcome());
    }

    @Test
    @DisplayName("A disabled account (userAccountControl bit 2) is refused even with the right password")
    void disabledAccountIsRejected() {
        assertEquals(SourceAuthentication.Outcome.REJECTED,
                source().authenticate("dave", "Dave-Password-2024".toCharArray()).outcome());
    }

    @Test
    void unknownUserIsLeftToTheNextSource() {
        assertEquals(SourceAuthentication.Outcome.UNKNOWN_USER,
                source().authenticate("nobody", "whatever-password".toCharArray()).outcome());
    }

    @Test
    void computerAccountsCannotSignIn() {
        assertEquals(SourceAuthentication.Outcome.UNKNOWN_USER,
                source().authenticate("ws042", "Computer-Password-2024".toCharArray()).outcome());
    }

    @Test
    @DisplayName("An LDAP injection in the user name is looked up literally and matches nobody")
    void injectionInUserNameMatchesNobody() {
        for (String attack : new String[] {"*", "*)(sAMAccountName=*", "helen)(|(objectClass=*", "h*",
                "helen\\00", "*)(userPassword=*)"}) {
            SourceAuthentication result = source().authenticate(attack, "Helen-Password-2024".toCharArray());
            assertEquals(SourceAuthentication.Outcome.UNKNOWN_USER, result.outcome(), attack);
        }
    }

    @Test
    void overlongUserNameIsNotSentToTheDirectory() {
        assertEquals(SourceAuthentication.Outcome.UNKNOWN_USER,
                source().authenticate("h".repeat(10_000), "x".toCharArray()).outcome());
    }

    @Test
    @DisplayName("A wrong bind password makes the source unavailable, saying to check the bind account")
    void wrongBindPassword() {
        LdapIdentitySource misconfigured = new LdapIdentitySource("ldap:test", "Corp", settings(),
                "wrong".toCharArray());

        SourceAuthentication result = misconfigured.authenticate("helen", "Helen-Password-2024".toCharArray());

        assertEquals(SourceAuthentication.Outcome.UNAVAILABLE, result.outcome());
        assertTrue(result.problem().contains("check the bind DN and its password"), result.problem());
        assertFalse(result.problem().contains("wrong"));
    }

    @Test
    @DisplayName("A directory that accepts the connection but never answers times out with a plain message")
    void silentServerTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LdapSettings base = settings();
            LdapSettings settings = new LdapSettings("ldap://127.0.0.1:" + silent.getLocalPort(), base.security(),
                    base.trustedCertificates(), base.bindDn(), base.userBase(), base.groupBase(),
                    base.userAttribute(), base.membership(), base.stableId(), 500, 500);
            long start = System.nanoTime();

            SourceAuthentication result = new LdapIdentitySource("ldap:slow", "Slow", settings,
                    "x".toCharArray()).authenticate("helen", "Helen-Password-2024".toCharArray());

            assertEquals(SourceAuthentication.Outcome.UNAVAILABLE, result.outcome());
            assertTrue(result.problem().contains("did not answer within the time-out"), result.problem());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up after the time-out");
        }
    }

    @Test
    void serverDownIsUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        LdapSettings base = settings();
        LdapSettings settings = new LdapSettings("ldap://127.0.0.1:" + closed, base.security(),
                base.trustedCertificates(), base.bindDn(), base.userBase(), base.groupBase(), base.userAttribute(),
                base.membership(), base.stableId(), 1000, 1000);

        SourceAuthentication result = new LdapIdentitySource("ldap:down", "Down", settings,
                TestDirectory.BIND_PASSWORD.toCharArray()).authenticate("helen", "x".toCharArray());

        assertEquals(SourceAuthentication.Outcome.UNAVAILABLE, result.outcome());
        assertTrue(result.problem().startsWith("Cannot connect to the directory at 127.0.0.1:" + closed),
                result.problem());
    }

    @Test
    @DisplayName("Without the directory's certificate among the trusted ones, StartTLS is refused")
    void untrustedCertificateIsRefused() {
        LdapSettings base = settings();
        LdapSettings settings = new LdapSettings(base.url(), base.security(), "", base.bindDn(), base.userBase(),
                base.groupBase(), base.userAttribute(), base.membership(), base.stableId(), 2000, 2000);

        IdentitySourceUnavailableException refused = assertThrows(IdentitySourceUnavailableException.class,
                () -> new LdapIdentitySource("ldap:t", "T", settings, TestDirectory.BIND_PASSWORD.toCharArray())
                        .testConnection());

        assertTrue(refused.getMessage().contains("certificate is not trusted"), refused.getMessage());
    }

    @Test
    void testConnectionSaysWhatWorked() {
        String report = source().testConnection();

        assertTrue(report.startsWith("Connected to " + directory.url() + " (StartTLS) and signed in as "
                + TestDirectory.BIND_DN), report);
    }

    @Test
    @DisplayName("The principal picker finds users and groups by part of their name")
    void searchFindsUsersAndGroups() {
        Set<String> found = source().search("help", 10).stream()
                .map(p -> p.kind() + ":" + p.name()).collect(Collectors.toSet());

        assertEquals(Set.of("USER:helen", "GROUP:Helpdesk Staff"), found);
        assertEquals(0, source().search("*", 10).size(), "a star is a literal star, not a wildcard");
    }

    private static LdapSettings settings() {
        return new LdapSettings(directory.url(), LdapSettings.Security.STARTTLS, directory.certificatePem(),
                TestDirectory.BIND_DN, TestDirectory.USER_BASE, TestDirectory.GROUP_BASE, "sAMAccountName",
                LdapSettings.Membership.MEMBER_WALK, LdapSettings.StableId.ENTRY_UUID, 10_000, 10_000);
    }

    private static LdapIdentitySource source() {
        return new LdapIdentitySource("ldap:test", "Corp", settings(), TestDirectory.BIND_PASSWORD.toCharArray());
    }

    private static Set<String> names(SourceAuthentication result) {
        return result.groups().stream().map(PrincipalRef::name).collect(Collectors.toSet());
    }
}
