package org.ams.authz;

import java.util.UUID;
import org.ams.devices.TargetKind;

/** The tenant, directory, device group or computer a rule applies to, by id. */
public record RuleTarget(TargetKind kind, UUID id) {

    public RuleTarget {
        if (kind == null || id == null) {
            throw new AuthorizationRuleException(AuthorizationRuleException.Reason.TARGET_NOT_FOUND,
                    "Choose the tenant, directory, device group or computer the rule applies to.");
        }
    }

    public static RuleTarget tenant(UUID id) {
        return new RuleTarget(TargetKind.TENANT, id);
    }

    public static RuleTarget directory(UUID id) {
        return new RuleTarget(TargetKind.DIRECTORY, id);
    }

    public static RuleTarget deviceGroup(UUID id) {
        return new RuleTarget(TargetKind.DEVICE_GROUP, id);
    }

    public static RuleTarget computer(UUID id) {
        return new RuleTarget(TargetKind.COMPUTER, id);
    }
}
