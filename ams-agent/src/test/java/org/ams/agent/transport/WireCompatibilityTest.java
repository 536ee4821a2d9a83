package org.ams.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.DeviceFacts;
import org.ams.protocol.wire.ProtectorKey;
import org.ams.protocol.wire.RotationResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rotation fields next to servers and agents that predate them, as the agent's JSON binding reads and writes. */
class WireCompatibilityTest {

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    @DisplayName("A server that predates rotation sends no rotateProtectorIds: read as none")
    void anOlderServersCheckInAnswerAsksForNoRotation() throws Exception {
        CheckInResponse answer = json.readValue("{\"deviceState\":\"APPROVED\",\"policy\":{\"checkInIntervalMinutes\""
                + ":60,\"backupOsDrive\":true,\"backupFixedDrives\":true,\"backupRemovableDrives\":true},"
                + "\"heldProtectorIds\":[]}", CheckInResponse.class);

        assertNull(answer.rotateProtectorIds());
    }

    @Test
    @DisplayName("The agent sends rotation results and replacesProtectorId under the documented names")
    void theRotationFieldsTravelUnderTheirNames() throws Exception {
        String request = json.writeValueAsString(new CheckInRequest(new DeviceFacts("PC", null, "W", "10", "1"),
                List.of(), List.of(new RotationResult("{A}", "{B}", RotationResult.DONE, null, null,
                        "2026-12-03T10:15:30Z")), null));
        String ordinary = json.writeValueAsString(ProtectorKey.escrow("{B}", "ZW52"));
        String replacement = json.writeValueAsString(new ProtectorKey("{B}", "ZW52", "{A}"));

        assertTrue(request.contains("\"rotationResults\":[{\"protectorId\":\"{A}\",\"newProtectorId\":\"{B}\","
                + "\"outcome\":\"DONE\",\"failedStep\":null,\"reason\":null,\"completedAt\":\"2026-12-03T10:15:30Z\"}]"),
                request);
        assertTrue(replacement.contains("\"replacesProtectorId\":\"{A}\""), replacement);
        assertTrue(ordinary.contains("\"replacesProtectorId\":null"), ordinary);
        assertFalse(ordinary.contains("ROTATION_NOT_REQUESTED"), "constants are not fields");
        assertEquals(new ProtectorKey("{B}", "ZW52", null), json.readValue("{\"protectorId\":\"{B}\","
                + "\"envelope\":\"ZW52\"}", ProtectorKey.class), "an older agent's key is an ordinary one");
    }

    @Test
    @DisplayName("signedInUsers travels under its name; an older agent's check-in without it reads as not reported")
    void signedInUsersIsOptional() throws Exception {
        String request = json.writeValueAsString(new CheckInRequest(new DeviceFacts("PC", null, "W", "10", "1"),
                List.of(), List.of(), List.of("CORP\\jdoe")));
        CheckInRequest older = json.readValue("{\"device\":{\"hostname\":\"PC\"},\"protectorIds\":[],"
                + "\"rotationResults\":[]}", CheckInRequest.class);

        assertTrue(request.contains("\"signedInUsers\":[\"CORP\\\\jdoe\"]"), request);
        assertNull(older.signedInUsers());
        assertEquals(List.of(), older.protectorIds());
    }
}
