package org.ams.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OidcUserTest {

    @Test
    void aSignInReplacesTheGroupsOfThePreviousOne() throws InterruptedException {
        OidcUser user = new OidcUser("f3b1c2d4-subject");
        user.signedIn("Alice.Example", Set.of("/ams-helpdesk", "/ams-sales"));
        var first = user.getLastSignIn();
        Thread.sleep(2);
        user.signedIn("alice.example", Set.of("/ams-helpdesk"));

        assertEquals(Set.of("/ams-helpdesk"), user.getGroupIds(), "a group the token no longer lists is gone");
        assertEquals("alice.example", user.getUsername(), "the name the last token gave");
        assertTrue(user.getLastSignIn().isAfter(first));
    }

    @Test
    void theNameIsFoundInAnyCase() {
        assertEquals("alice.example", OidcUser.keyOf("  Alice.Example "));
    }

    @Test
    void atMostSoManyGroupsAreKept() {
        Set<String> many = IntStream.range(0, OidcUser.MAX_GROUPS + 50).mapToObj(i -> "group-" + i)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        OidcUser user = new OidcUser("subject");
        user.signedIn("bob", many);

        assertEquals(OidcUser.MAX_GROUPS, user.getGroupIds().size());
        assertTrue(user.getGroupIds().contains("group-0"));
        assertFalse(user.getGroupIds().contains("group-" + (OidcUser.MAX_GROUPS + 49)));
    }

    @Test
    void aGroupLongerThanItsColumnIsLeftOut() {
        OidcUser user = new OidcUser("subject");
        String tooLong = "g".repeat(OidcGroup.MAX_LENGTH + 1);
        user.signedIn("carol", List.of("/ams-helpdesk", tooLong, "/ams-helpdesk"));

        assertEquals(Set.of("/ams-helpdesk"), user.getGroupIds());
    }
}
