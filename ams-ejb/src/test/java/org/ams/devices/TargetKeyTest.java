package org.ams.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.ams.devices.DevicePlacement.TargetKey;
import org.junit.jupiter.api.Test;

class TargetKeyTest {

    @Test
    void theTextFormReadsBackForEveryKind() {
        for (TargetKind kind : TargetKind.values()) {
            TargetKey key = new TargetKey(kind, UUID.randomUUID());
            assertEquals(kind + ":" + key.id(), key.text());
            assertEquals(key, TargetKey.parse(key.text()).orElseThrow());
        }
    }

    @Test
    void anythingElseIsNoKey() {
        for (String text : new String[] {null, "", "DEVICE", "DEVICE:", "NOTHING:" + UUID.randomUUID(),
                "DEVICE:not-a-uuid", ":" + UUID.randomUUID()}) {
            assertTrue(TargetKey.parse(text).isEmpty(), String.valueOf(text));
        }
    }
}
