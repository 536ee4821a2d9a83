package org.ams.identity.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DirectoryIdsTest {

    @Test
    void objectGuidIsShownAsActiveDirectoryToolsShowIt() {
        // The bytes of {d1a3fbd5-6c3e-4e1b-8a4c-0c1f5a2d9e77} as AD stores them (first three fields little-endian).
        byte[] bytes = HexFormat.of().parseHex("d5fba3d13e6c1b4e8a4c0c1f5a2d9e77");

        assertEquals("d1a3fbd5-6c3e-4e1b-8a4c-0c1f5a2d9e77", DirectoryIds.objectGuid(bytes));
    }

    @Test
    void objectSidIsShownInItsTextForm() {
        // S-1-5-21-3623811015-3361044348-30300820-1013
        byte[] bytes = HexFormat.of().parseHex("010500000000000515000000c7f7fed77c7755c8945ace01f5030000");

        assertEquals("S-1-5-21-3623811015-3361044348-30300820-1013", DirectoryIds.objectSid(bytes));
    }

    @Test
    void malformedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DirectoryIds.objectGuid(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> DirectoryIds.objectSid(new byte[] {1, 5, 0, 0}));
    }

    @Test
    void textFormsTurnBackIntoTheBytesTheDirectoryIsSearchedFor() {
        assertEquals("d5fba3d13e6c1b4e8a4c0c1f5a2d9e77", HexFormat.of().formatHex(
                DirectoryIds.objectGuidBytes("d1a3fbd5-6c3e-4e1b-8a4c-0c1f5a2d9e77")));
        assertEquals("010500000000000515000000c7f7fed77c7755c8945ace01f5030000", HexFormat.of().formatHex(
                DirectoryIds.objectSidBytes("S-1-5-21-3623811015-3361044348-30300820-1013")));
        assertThrows(IllegalArgumentException.class, () -> DirectoryIds.objectGuidBytes("guid-alice"));
        assertThrows(IllegalArgumentException.class, () -> DirectoryIds.objectSidBytes("S-1-x"));
    }
}
