package org.ams.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.ams.agent.escrow.CycleResult;
import org.ams.protocol.wire.AgentPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    private static final AgentPolicy POLICY = new AgentPolicy(60, true, true, true);

    @Test
    void aCleanCycleExitsZero() {
        assertEquals(0, ExitCodes.of(new CycleResult("APPROVED", POLICY, 3, 1, 0, 0, "3 escrowed")));
    }

    @Test
    @DisplayName("A completed cycle that found an invalid recovery password exits 65")
    void anInvalidPasswordExitsWithInvalidKey() {
        assertEquals(65, ExitCodes.of(new CycleResult("APPROVED", POLICY, 3, 0, 0, 1, "1 invalid")));
        assertEquals(65, ExitCodes.of(new CycleResult("APPROVED", POLICY, 0, 0, 0, 1, "nothing new")));
    }

    @Test
    void invalidKeyKeepsApartFromTheOtherCodes() {
        assertEquals(6, Set.of(ExitCodes.OK, ExitCodes.REFUSED, ExitCodes.USAGE, ExitCodes.NOT_REGISTERED,
                ExitCodes.INVALID_KEY, ExitCodes.TEMPORARY).size());
        assertEquals(0, ExitCodes.OK);
        assertEquals(1, ExitCodes.REFUSED);
        assertEquals(2, ExitCodes.USAGE);
        assertEquals(75, ExitCodes.TEMPORARY);
    }

    @Test
    @DisplayName("The service loop waits its normal interval after an invalid key, and backs off after a failure")
    void anInvalidKeyCompletesTheCycle() {
        assertTrue(ExitCodes.completed(ExitCodes.OK));
        assertTrue(ExitCodes.completed(ExitCodes.INVALID_KEY));
        assertFalse(ExitCodes.completed(ExitCodes.REFUSED));
        assertFalse(ExitCodes.completed(ExitCodes.TEMPORARY));
    }

    @Test
    void checkInHelpListsTheExitCodes() {
        String help = AmsAgent.commandLine().getSubcommands().get("check-in").getUsageMessage()
                .replaceAll("\\s+", " ");

        assertTrue(help.contains("65 Done, but a recovery password on this device is invalid and was not escrowed."),
                help);
        assertTrue(help.contains("75 Temporary failure"), help);
    }
}
