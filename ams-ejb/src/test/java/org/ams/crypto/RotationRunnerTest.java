package org.ams.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the pause between rotation batches")
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
}
