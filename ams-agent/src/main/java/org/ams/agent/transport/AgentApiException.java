package org.ams.agent.transport;

import java.util.Optional;

/**
 * The server refused a call or could not be reached. {@link #status()} is the HTTP status (0 when nothing answered);
 * {@link #code()} the server's stable error code when it sent one.
 */
public class AgentApiException extends Exception {

    private final int status;
    private final String code;

    public AgentApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public AgentApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = null;
    }

    public int status() {
        return status;
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** Worth trying again later: nothing answered, or the server had a temporary problem. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
