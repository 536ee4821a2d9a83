package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a rotation's claim and the pause between its batches")
class RotationRunnerTest {

    @Test
    @DisplayName("a rotation's claim outlasts a batch and twice the pause after it")
    void lease() {
        assertEquals(Duration.ofSeconds(30), RotationBatch.lease(0));
        assertEquals(Duration.ofSeconds(32), RotationBatch.lease(1_000));
        assertEquals(Duration.ofSeconds(150), RotationBatch.lease(60_000));
    }
}
