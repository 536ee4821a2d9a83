package org.ams.web.api.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ams.agents.AgentApiException;
import org.ams.agents.AgentRefusal;
import org.ams.agents.CheckInReport;
import org.ams.escrow.EscrowedVolume;
import org.ams.escrow.RotationReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The agent API's rotation fields as the server reads them: results at check-in, the replaced protector at upload. */
class WireInputTest {

    private static final String OLD = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";
    private static final String NEW = "{9A1B2C3D-0000-4000-8000-000000000001}";
    private static final String DEVICE = "\"device\":{\"hostname\":\"PC-1\",\"osName\":\"Windows 11\","
            + "\"osVersion\":\"10.0.22631\",\"agentVersion\":\"1.0\"}";

    @Test
    @DisplayName("A check-in without rotation results (an agent from before rotation) reports none")
    void absentResultsAreNone() {
        CheckInReport report = WireInput.checkIn(json("{" + DEVICE + ",\"protectorIds\":[\"" + OLD + "\"]}"));
        assertTrue(report.rotationResults().isEmpty());
    }

    @Test
    @DisplayName("signedInUsers: absent (an older agent) is not reported; listed names are kept; more than 32, a blank "
            + "or an over-long name refuses the check-in")
    void signedInUsers() {
        assertNull(WireInput.checkIn(json("{" + DEVICE + "}")).signedInUsers());
        assertEquals(List.of("CORP\\jdoe", "jdoe@corp.example"), WireInput.checkIn(json("{" + DEVICE
                + ",\"signedInUsers\":[\" CORP\\\\jdoe\",\"jdoe@corp.example\"]}")).signedInUsers());
        assertEquals(List.of(), WireInput.checkIn(json("{" + DEVICE + ",\"signedInUsers\":[]}")).signedInUsers());
        for (String users : List.of("[\"\"]", "[\"CORP\\\\\"]", "[\"" + "x".repeat(257) + "\"]",
                "[" + "\"u\",".repeat(32) + "\"u\"]")) {
            AgentApiException refused = assertThrows(AgentApiException.class,
                    () -> WireInput.checkIn(json("{" + DEVICE + ",\"signedInUsers\":" + users + "}")), users);
            assertEquals(AgentRefusal.MALFORMED_REQUEST, refused.refusal());
        }
    }

    @Test
    @DisplayName("DONE and FAILED results are read with their protectors, step, reason and time")
    void resultsAreRead() {
        CheckInReport report = WireInput.checkIn(json("{" + DEVICE + ",\"rotationResults\":["
                + result(OLD, NEW, "DONE", null, null)
                + "," + result(NEW, null, "FAILED", "ADD", "BitLocker refused (0x80310030)") + "]}"));
        List<RotationReport> results = report.rotationResults();
        assertEquals(2, results.size());
        assertTrue(results.get(0).done());
        assertEquals(NEW, results.get(0).newProtectorId().value());
        assertFalse(results.get(1).done());
        assertNull(results.get(1).newProtectorId());
        assertEquals("ADD", results.get(1).failedStep());
        assertEquals("BitLocker refused (0x80310030)", results.get(1).reason());
        assertEquals("2026-12-03T10:15:30Z", results.get(1).completedAt().toString());
    }

    @Test
    @DisplayName("Malformed results are refused naming the field, never quoting a value")
    void malformedResultsRefused() {
        assertMalformed(result("not-a-guid", NEW, "DONE", null, null), "rotationResults.protectorId");
        assertMalformed(result(OLD, null, "DONE", null, null), "newProtectorId");
        assertMalformed(result(OLD, NEW, "MAYBE", null, null), "rotationResults.outcome");
        assertMalformed(result(OLD, null, "FAILED", "SOMEWHERE", "x"), "rotationResults.failedStep");
        assertMalformed(result(OLD, null, "FAILED", "ADD", "x".repeat(1001)), "rotationResults.reason");
        assertMalformed(result(OLD, NEW, "DONE", null, null).replace("2026-12-03T10:15:30Z", "yesterday"),
                "rotationResults.completedAt");
    }

    @Test
    @DisplayName("An upload's replacesProtectorId is read as the protector the key replaces")
    void replacementIsRead() {
        String upload = "{\"volumes\":[{\"volumeId\":\"\\\\\\\\?\\\\Volume{5a486531-0201-43e0-bd81-d544bb08d0dc}\\\\\","
                + "\"mountPoint\":\"C:\",\"driveType\":\"OS\",\"protectors\":[{\"protectorId\":\"" + NEW
                + "\",\"envelope\":\"AAAA\",\"replacesProtectorId\":\"" + OLD.toLowerCase() + "\"}]}]}";
        EscrowedVolume.Protector protector = WireInput.volumes(json(upload)).get(0).protectors().get(0);
        assertEquals(OLD, protector.replaces().value(), "in the canonical form");

        AgentApiException refused = assertThrows(AgentApiException.class, () -> WireInput.volumes(json(
                upload.replace(OLD.toLowerCase(), "{nope}"))));
        assertTrue(refused.getMessage().contains("replacesProtectorId"), refused.getMessage());
    }

    private static void assertMalformed(String result, String field) {
        AgentApiException refused = assertThrows(AgentApiException.class,
                () -> WireInput.checkIn(json("{" + DEVICE + ",\"rotationResults\":[" + result + "]}")));
        assertEquals(AgentRefusal.MALFORMED_REQUEST, refused.refusal());
        assertTrue(refused.getMessage().contains(field), refused.getMessage());
        assertFalse(refused.getMessage().contains("xxxxxxxxxx"), "never quotes what was sent");
    }

    private static String result(String protector, String replacement, String outcome, String step, String reason) {
        return "{\"protectorId\":\"" + protector + "\",\"newProtectorId\":" + quoted(replacement) + ",\"outcome\":\""
                + outcome + "\",\"failedStep\":" + quoted(step) + ",\"reason\":" + quoted(reason)
                + ",\"completedAt\":\"2026-12-03T10:15:30Z\"}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
