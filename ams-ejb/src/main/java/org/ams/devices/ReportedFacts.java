package org.ams.devices;

/**
 * What an agent reports about its device, already checked: a name is required, and every field is bounded so that
 * a misbehaving agent cannot fill the database.
 */
public record ReportedFacts(String name, String dnsName, String osName, String osVersion, String agentVersion) {

    public ReportedFacts {
        name = required(name, "device name", Device.MAX_NAME);
        dnsName = optional(dnsName, "DNS name", Device.MAX_NAME);
        osName = optional(osName, "operating system name", 128);
        osVersion = optional(osVersion, "operating system version", 128);
        agentVersion = optional(agentVersion, "agent version", 64);
    }

    private static String required(String value, String what, int max) {
        String checked = optional(value, what, max);
        if (checked == null) {
            throw new InvalidDeviceFactsException("The " + what + " is missing.");
        }
        return checked;
    }

    private static String optional(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidDeviceFactsException("The " + what + " is longer than " + max + " characters.");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDeviceFactsException("The " + what + " contains control characters.");
        }
        return trimmed;
    }
}
