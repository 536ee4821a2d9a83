package org.ams.protocol.wire;

/** What a device tells the server about itself at registration and at every check-in. */
public record DeviceFacts(String hostname, String dnsName, String osName, String osVersion, String agentVersion) {
}
