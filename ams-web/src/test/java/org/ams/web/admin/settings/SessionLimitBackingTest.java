package org.ams.web.admin.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionLimitBackingTest {

    @Test
    void theLimitIsSaidInTheLargestWholeUnit() {
        assertEquals("10 hours", SessionLimitBacking.describe(600));
        assertEquals("1 hour", SessionLimitBacking.describe(60));
        assertEquals("90 minutes", SessionLimitBacking.describe(90));
        assertEquals("5 minutes", SessionLimitBacking.describe(5));
        assertEquals("7 days", SessionLimitBacking.describe(10_080));
        assertEquals("1 day", SessionLimitBacking.describe(1440));
    }
}
