package org.ams.agents;

/**
 * Why the agent API refused a request: a stable code an agent can act on, with the HTTP status it travels as.
 */
public enum AgentRefusal {

    AGENT_SUPPORT_DISABLED(403),
    MALFORMED_REQUEST(400),
    REQUEST_TOO_LARGE(413),
    INVALID_REGISTRATION_KEY(403),
    REGISTRATION_KEY_DISABLED(403),
    REGISTRATION_KEY_EXPIRED(403),
    REGISTRATION_KEY_EXHAUSTED(403),
    DEVICE_ALREADY_REGISTERED(409),
    MISSING_ASSERTION(401),
    INVALID_ASSERTION(401),
    ASSERTION_EXPIRED(401),
    ASSERTION_REPLAYED(401),
    UNKNOWN_DEVICE(401),
    DEVICE_PENDING(403),
    DEVICE_REJECTED(403),
    DEVICE_DISABLED(403),
    DEVICE_DELETED(403),
    NO_ENCRYPTION_CERTIFICATE(409),
    DRIVE_TYPE_NOT_ALLOWED(403),
    /** An upload replacing a protector the server did not ask this device to replace. */
    ROTATION_NOT_REQUESTED(409);

    private final int status;

    AgentRefusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
