package org.ams.identity.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalGroupTest {

    @Test
    @DisplayName("A new group keeps its trimmed name and is a GROUP principal of the local source, by its id")
    void newGroupIsALocalGroupPrincipal() {
        LocalGroup group = new LocalGroup("  Security Team ", "  Reads the audit log ");

        PrincipalRef principal = group.principal();

        assertEquals("Security Team", group.getName());
        assertEquals("Reads the audit log", group.getDescription());
        assertEquals(PrincipalKind.GROUP, principal.kind());
        assertEquals(LocalAccountService.SOURCE, principal.source());
        assertEquals(group.getId().toString(), principal.id());
        assertEquals("Security Team", principal.name());
    }

    @Test
    void namesDifferingOnlyInCaseShareOneKey() {
        assertEquals(LocalGroup.keyOf("Auditors"), LocalGroup.keyOf(" AUDITORS "));
    }

    @Test
    void blankDescriptionIsStoredAsNone() {
        assertNull(new LocalGroup("Auditors", "   ").getDescription());
    }

    @Test
    @DisplayName("Empty and too long names are refused, each with its own reason")
    void badNamesAreRefused() {
        assertEquals(LocalGroupException.Reason.EMPTY_NAME,
                assertThrows(LocalGroupException.class, () -> new LocalGroup("   ", null)).reason());
        assertEquals(LocalGroupException.Reason.EMPTY_NAME,
                assertThrows(LocalGroupException.class, () -> new LocalGroup(null, null)).reason());
        LocalGroupException tooLong = assertThrows(LocalGroupException.class,
                () -> new LocalGroup("g".repeat(LocalGroup.MAX_NAME_LENGTH + 1), null));
        assertEquals(LocalGroupException.Reason.NAME_TOO_LONG, tooLong.reason());
        assertEquals("A group name has at most 128 characters.", tooLong.getMessage());
        assertEquals("g".repeat(LocalGroup.MAX_NAME_LENGTH),
                new LocalGroup("g".repeat(LocalGroup.MAX_NAME_LENGTH), null).getName());
    }

    @Test
    void renamingToABlankNameKeepsTheOldName() {
        LocalGroup group = new LocalGroup("Auditors", null);

        assertThrows(LocalGroupException.class, () -> group.rename(" "));

        assertEquals("Auditors", group.getName());
    }

    @Test
    void tooLongDescriptionIsRefused() {
        assertEquals(LocalGroupException.Reason.DESCRIPTION_TOO_LONG, assertThrows(LocalGroupException.class,
                () -> new LocalGroup("Auditors", "d".repeat(LocalGroup.MAX_DESCRIPTION_LENGTH + 1))).reason());
    }
}
