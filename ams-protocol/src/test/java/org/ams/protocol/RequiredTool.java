package org.ams.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests against real external tools (openssl, SoftHSM2) skip on a developer machine that lacks them, but fail in CI
 * ({@code CI=true}), where {@code .ci/run} installs them: a green CI run must mean the real thing was exercised.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    public static void require(boolean available, String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(available, what + " (CI installs it; a CI run must not skip this test)");
        } else {
            assumeTrue(available, what);
        }
    }
}
