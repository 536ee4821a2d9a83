package org.ams.protocol.wire;

import java.time.Duration;

/** Paths, headers and limits of the agent API that both ends must agree on. */
public final class AgentApi {

    public static final String BASE_PATH = "/api/agent/v1";
    public static final String REGISTRATIONS = "/registrations";
    public static final String CHECK_INS = "/check-ins";
    public static final String KEYS = "/keys";

    /** Device assertions travel as {@code Authorization: Device <compact JWS>}. */
    public static final String AUTHORIZATION_SCHEME = "Device";

    /**
     * The JOSE {@code typ} header of a device assertion. The server refuses a JWT without it, so that a JWT signed with
     * a device key for another purpose can never pass as an assertion (explicit typing, RFC 8725 section 3.11).
     */
    public static final String ASSERTION_TYPE = "ams-device+jwt";

    /** The longest an assertion may live; the server refuses longer ones even when correctly signed. */
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    /** Largest request body the server reads; an agent splits larger uploads. */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private AgentApi() {
    }

    /** The audience a device assertion must name: the server's base URL plus the API path, without a trailing slash. */
    public static String audience(String serverUrl) {
        String base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        return base + BASE_PATH;
    }
}
