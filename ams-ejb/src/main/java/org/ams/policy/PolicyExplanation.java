package org.ams.policy;

import java.util.List;
import java.util.UUID;

/**
 * Why a device gets the policy it gets: every custom policy looked at, in list order, up to the one that applies,
 * and what each one's targets had to do with the device.
 *
 * @param deviceName    the device asked about
 * @param policyId      the policy that applies
 * @param policyName    its name
 * @param defaultPolicy whether it is the default policy (no custom policy applies)
 * @param steps         the custom policies considered before the decision, in order
 */
public record PolicyExplanation(String deviceName, UUID policyId, String policyName, boolean defaultPolicy,
                                List<Step> steps) {

    public PolicyExplanation {
        steps = List.copyOf(steps);
    }

    /** What one custom policy had to do with the device. */
    public enum Outcome {
        /** Enabled, and a target contains the device: this policy applies. */
        APPLIES,
        /** Enabled, but none of its targets contains the device. */
        NOT_TARGETED,
        /** Disabled: skipped whatever its targets. */
        DISABLED
    }

    /**
     * @param position       the policy's place in the list
     * @param policyName     its name
     * @param outcome        what it had to do with the device
     * @param matchedTargets the targets that contain the device, as people read them (empty when none does)
     */
    public record Step(int position, String policyName, Outcome outcome, List<String> matchedTargets) {

        public Step {
            matchedTargets = List.copyOf(matchedTargets);
        }
    }
}
