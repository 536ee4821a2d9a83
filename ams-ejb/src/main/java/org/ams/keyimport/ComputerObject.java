package org.ams.keyimport;

/**
 * A computer object as the directory holds it: the parent of its recovery information objects.
 *
 * @param objectGuid the objectGUID in its text form, e.g. {@code 0d5f...-...}
 * @param objectSid  the objectSid as {@code S-1-5-21-...}; {@code null} if the directory has none
 * @param name       the computer's name ({@code name}, else {@code cn})
 * @param dnsName    {@code dNSHostName}, the fully qualified name; {@code null} if not set
 */
public record ComputerObject(String distinguishedName, String objectGuid, String objectSid, String name,
                             String dnsName) {
}
