package org.ams.protocol.wire;

/**
 * A device asking to join. {@code publicKey} is the device's own public key (X.509 SubjectPublicKeyInfo, DER,
 * Base64); its private key never leaves the device and signs every later request.
 */
public record RegistrationRequest(String registrationKey, String publicKey, DeviceFacts device) {
}
