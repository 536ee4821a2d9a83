package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the pause between rotation batches and the claim's lease")
class RotationRunnerTest {

    @Test
    @DisplayName("unset means no pause; 0 to 60000 ms are taken; anything else is ignored")
    void pauseMillis() {
        assertEquals(0, RotationRunner.pauseMillis(null));
        assertEquals(0, RotationRunner.pauseMillis("0"));
        assertEquals(250, RotationRunner.pauseMillis("250"));
        assertEquals(60_000, RotationRunner.pauseMillis("60000"));
        assertEquals(0, RotationRunner.pauseMillis("60001"));
        assertEquals(0, RotationRunner.pauseMillis("-5"));
        assertEquals(0, RotationRunner.pauseMillis("1s"));
    }

    @Test
    @DisplayName("a rotation's claim outlasts a batch and twice the pause after it")
    void lease() {
        assertEquals(Duration.ofSeconds(30), RotationBatch.lease(0));
        assertEquals(Duration.ofSeconds(32), RotationBatch.lease(1_000));
        assertEquals(Duration.ofSeconds(150), RotationBatch.lease(60_000));
    }
}
