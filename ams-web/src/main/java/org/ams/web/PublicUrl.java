package org.ams.web;

import java.util.Optional;
import org.ams.platform.AmsSettings;
import org.ams.platform.ServerAddress;

/**
 * The one place that works out the URL agents use to reach this server: what the Agent registration page tells an
 * administrator to give the agents, and what the agent API expects their assertions to be addressed to. The two must
 * agree, or an agent set up from the page is refused.
 * <p>
 * The configured {@value #SETTING} wins (a name or proxy the server cannot see). Otherwise the request's own origin
 * when it came in over HTTPS, and for a request over plain HTTP the same host on the HTTPS port ({@value
 * #HTTPS_PORT_SETTING}, default {@value #DEFAULT_HTTPS_PORT}): agents only talk HTTPS.
 */
public final class PublicUrl {

    /** The HTTPS URL agents use, when they reach AMS through a name or proxy it cannot see. */
    public static final String SETTING = ServerAddress.PUBLIC_URL;
    /** The launcher's HTTPS port ({@code AMS_HTTPS_PORT}). */
    static final String HTTPS_PORT_SETTING = ServerAddress.HTTPS_PORT_SETTING;
    static final int DEFAULT_HTTPS_PORT = ServerAddress.DEFAULT_HTTPS_PORT;

    private PublicUrl() {
    }

    /**
     * @param scheme the request's scheme, {@code https} or {@code http}
     * @param host   the host name the request was addressed to
     * @param port   the request's port; -1 when the URL did not name one
     * @return the URL without a trailing slash, e.g. {@code https://ams.corp.example:8443}
     */
    public static String of(String scheme, String host, int port) {
        return configured(AmsSettings.current()).orElseGet(() -> "https".equalsIgnoreCase(scheme)
                ? origin(host, port) : origin(host, httpsPort(AmsSettings.current())));
    }

    static Optional<String> configured(AmsSettings settings) {
        return ServerAddress.configured(settings);
    }

    static int httpsPort(AmsSettings settings) {
        return ServerAddress.httpsPort(settings);
    }

    private static String origin(String host, int port) {
        return "https://" + host + (port == 443 || port < 0 ? "" : ":" + port);
    }
}
