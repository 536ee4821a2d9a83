package org.ams.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.Test;

class OidcClaimsTest {

    private static final String ENTRA_GROUP = "5f2c3a9e-8d41-4b7a-9c0e-2e6f1d3b7a44";

    @Test
    void keycloakGroupPathsBecomeGroupsOfTheOidcSource() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("f3c1-77").claim("preferred_username", "alice")
                .claim("groups", List.of("/helpdesk", "/staff/london")).build();

        OidcClaims.Identity identity = OidcClaims.identity(claims, "preferred_username", "groups",
                Map.of("/helpdesk", "Helpdesk"));

        assertEquals(PrincipalRef.user(OidcClaims.SOURCE, "f3c1-77", "alice"), identity.user());
        assertEquals(Set.of("/helpdesk", "/staff/london"), ids(identity.groups()));
        assertEquals(Set.of("Helpdesk", "/staff/london"),
                identity.groups().stream().map(PrincipalRef::name).collect(Collectors.toSet()));
        identity.groups().forEach(group -> {
            assertEquals(PrincipalKind.GROUP, group.kind());
            assertEquals(OidcClaims.SOURCE, group.source());
        });
    }

    @Test
    void entraGroupObjectIdsMatchWhateverCaseTheAdministratorTypedThemIn() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .claim("upn", "alice@contoso.example").claim("groups", List.of(ENTRA_GROUP)).build();
        String typed = OidcClaims.groupId(ENTRA_GROUP.toUpperCase());

        OidcClaims.Identity identity = OidcClaims.identity(claims, "upn", "groups",
                Map.of(typed, "BitLocker helpdesk"));

        assertEquals(ENTRA_GROUP, typed);
        PrincipalRef group = identity.groups().iterator().next();
        assertEquals(ENTRA_GROUP, group.id());
        assertEquals("BitLocker helpdesk", group.name());
        assertEquals("alice@contoso.example", identity.user().name());
    }

    @Test
    void aSingleGroupSentAsAStringAndAppRolesAreGroupsToo() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s").claim("email", "a@example.test")
                .claim("roles", "AMS.Helpdesk").build();

        assertEquals(Set.of("AMS.Helpdesk"), ids(OidcClaims.identity(claims, "email", "roles", Map.of()).groups()));
    }

    @Test
    void noGroupsClaimMeansNoGroups() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s").claim("preferred_username", "carol").build();

        assertEquals(Set.of(), OidcClaims.identity(claims, "preferred_username", "groups", Map.of()).groups());
    }

    @Test
    void aTokenWithoutTheUserNameClaimIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s").claim("email", "a@example.test")
                .claim("groups", List.of("/helpdesk")).build();

        OidcException refused = assertThrows(OidcException.class,
                () -> OidcClaims.identity(claims, "preferred_username", "groups", Map.of()));

        assertEquals(OidcFailure.MISSING_USERNAME, refused.failure());
    }

    @Test
    void entraGroupOverageIsRefusedRatherThanSigningInWithoutGroups() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("s").claim("upn", "alice@contoso.example")
                .claim("_claim_names", Map.of("groups", "src1"))
                .claim("_claim_sources", Map.of("src1", Map.of("endpoint", "https://graph.microsoft.com/v1.0/"
                        + "users/x/getMemberObjects"))).build();

        OidcException refused = assertThrows(OidcException.class,
                () -> OidcClaims.identity(claims, "upn", "groups", Map.of()));

        assertEquals(OidcFailure.TOO_MANY_GROUPS, refused.failure());
    }

    private static Set<String> ids(Set<PrincipalRef> groups) {
        return groups.stream().map(PrincipalRef::id).collect(Collectors.toSet());
    }
}
