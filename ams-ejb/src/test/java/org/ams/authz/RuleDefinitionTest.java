package org.ams.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ams.authz.AuthorizationRuleException.Reason;
import org.ams.devices.TargetKind;
import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.Test;

class RuleDefinitionTest {

    private static final RuleTarget TARGET = RuleTarget.tenant(UUID.randomUUID());
    private static final PrincipalRef HELPDESK = PrincipalRef.group("local", "id-1", "Helpdesk");
    private static final List<AccessControlEntry> ACL = List.of(AccessControlEntry.allow(HELPDESK,
            Permission.READ_BITLOCKER_RECOVERY_PASSWORD));

    private static Reason refusal(Runnable construction) {
        return assertThrows(AuthorizationRuleException.class, construction::run).reason();
    }

    @Test
    void theDescriptionIsRequiredTrimmedAndBounded() {
        assertEquals(Reason.INVALID_DESCRIPTION, refusal(() -> new RuleDefinition(TARGET, "  ", true, null, ACL)));
        assertEquals(Reason.INVALID_DESCRIPTION, refusal(() -> new RuleDefinition(TARGET, null, true, null, ACL)));
        assertEquals(Reason.INVALID_DESCRIPTION, refusal(() -> new RuleDefinition(TARGET,
                "x".repeat(RuleDefinition.MAX_DESCRIPTION + 1), true, null, ACL)));
        assertEquals(Reason.INVALID_DESCRIPTION, refusal(() -> new RuleDefinition(TARGET, "two\nlines", true, null,
                ACL)));
        assertEquals("Helpdesk", new RuleDefinition(TARGET, "  Helpdesk ", true, null, ACL).description());
        assertEquals(RuleDefinition.MAX_DESCRIPTION, new RuleDefinition(TARGET,
                "x".repeat(RuleDefinition.MAX_DESCRIPTION), true, null, ACL).description().length());
    }

    @Test
    void theAclMustNotBeEmpty() {
        AuthorizationRuleException empty = assertThrows(AuthorizationRuleException.class,
                () -> new RuleDefinition(TARGET, "Rule", true, null, List.of()));
        assertEquals(Reason.EMPTY_ACL, empty.reason());
        assertEquals("Add at least one user or group to the rule's access control list.", empty.getMessage());
        assertEquals(Reason.EMPTY_ACL, refusal(() -> new RuleDefinition(TARGET, "Rule", true, null, null)));
    }

    @Test
    void aTargetIsRequired() {
        assertEquals(Reason.TARGET_NOT_FOUND, refusal(() -> new RuleDefinition(null, "Rule", true, null, ACL)));
        assertEquals(Reason.TARGET_NOT_FOUND, refusal(() -> new RuleTarget(TargetKind.COMPUTER, null)));
    }

    @Test
    void eachEntryNeedsAtLeastOnePermissionAndNamesThePrincipalWhenItHasNone() {
        AuthorizationRuleException none = assertThrows(AuthorizationRuleException.class,
                () -> new AccessControlEntry(HELPDESK, Access.ALLOW, EnumSet.noneOf(Permission.class)));
        assertEquals(Reason.INVALID_ENTRY, none.reason());
        assertEquals("Choose at least one permission for Helpdesk.", none.getMessage());
        assertEquals(Reason.INVALID_ENTRY, refusal(() -> new AccessControlEntry(HELPDESK, null,
                Set.of(Permission.READ_BITLOCKER_KEY_METADATA))));
        assertEquals(Reason.INVALID_ENTRY, refusal(() -> new AccessControlEntry(null, Access.DENY,
                Set.of(Permission.READ_BITLOCKER_KEY_METADATA))));
        assertEquals(Reason.INVALID_ENTRY, refusal(() -> new AccessControlEntry(
                PrincipalRef.group(" ", "id", "x"), Access.DENY, Set.of(Permission.READ_BITLOCKER_KEY_METADATA))));
    }

    @Test
    void aPrincipalIsListedOncePerAccess() {
        AccessControlEntry again = AccessControlEntry.allow(PrincipalRef.group("local", "id-1", "Renamed"),
                Permission.READ_BITLOCKER_KEY_METADATA);
        assertEquals(Reason.DUPLICATE_ENTRY, refusal(() -> new RuleDefinition(TARGET, "Rule", true, null,
                List.of(ACL.get(0), again))));

        AccessControlEntry deny = AccessControlEntry.deny(HELPDESK, Permission.READ_BITLOCKER_KEY_METADATA);
        assertEquals(2, new RuleDefinition(TARGET, "Rule", true, null, List.of(ACL.get(0), deny)).acl().size());
    }

    @Test
    void anAclIsBounded() {
        List<AccessControlEntry> many = Collections.nCopies(RuleDefinition.MAX_ENTRIES + 1, ACL.get(0));
        assertEquals(Reason.TOO_MANY_ENTRIES, refusal(() -> new RuleDefinition(TARGET, "Rule", true, null, many)));
    }

    @Test
    void permissionsAreStoredByNameAndUnknownNamesAreSkipped() {
        PermissionNames names = new PermissionNames();
        String stored = names.convertToDatabaseColumn(EnumSet.allOf(Permission.class));

        assertEquals("READ_BITLOCKER_KEY_METADATA,READ_BITLOCKER_RECOVERY_PASSWORD", stored);
        assertEquals(EnumSet.allOf(Permission.class), names.convertToEntityAttribute(stored));
        assertEquals(Set.of(Permission.READ_BITLOCKER_KEY_METADATA),
                names.convertToEntityAttribute("READ_LOCAL_ADMIN_PASSWORD,READ_BITLOCKER_KEY_METADATA"));
    }
}
