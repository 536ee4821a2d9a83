package org.ams.crypto;

/** Where an encryption certificate is in its life. */
public enum CertificateState {
    /** Can decrypt what was sealed to it; may be made active. */
    AVAILABLE,
    /** The one certificate agents and the server seal new secrets to. */
    ACTIVE,
    /** Taken out of use once nothing depended on it any more; kept for the record until deleted. */
    RETIRED
}
